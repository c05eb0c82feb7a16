// Lab 07's room chat page (its outbox too), with three changes: it says which node it is on (and
// links to the others), its socket uses the websocket transport only (see the notes: several nodes without
// sticky sessions break long polling), and it shows a message once even if it comes twice.
// Every string a user typed (usernames, room names, messages) is shown with textContent.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, Message, Room, ServerToClientEvents } from '../src/events.ts';

const USERNAME_KEY = 'room-chat:username';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

// One socket for the page's whole life, built unconnected: it connects once we know who we are.
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
  autoConnect: false,
  // #region practice 09.4: connect with the websocket transport only, so every packet goes to this one node
  // 任务: 只用 websocket 传输方式连接，让每个数据包都发到这一个节点
  // hint: Long polling is many HTTP requests; behind a load balancer without sticky sessions they land on different nodes, which answer 400. A websocket is one connection to one node. Which io() option lists the transports?
  // 提示: 长轮询是许多个 HTTP 请求；在没有粘性会话（sticky session）的负载均衡器后面，它们会落到不同的节点上，而那些节点会回答 400。websocket 则是到一个节点的一条连接。io() 的哪个选项列出传输方式？
  // hint: transports: ['websocket'],
  // 提示: 答案：transports: ['websocket'],
  transports: ['websocket'],
  // #endregion
});
showWire(socket); // the wire panel under the page: every packet, on both sides
let username = '';
/** The room on screen, if any. */
let current: Room | undefined;
/** The room this connection has joined: none after a drop, until the join again is answered. */
let joined: number | undefined;
/**
 * Messages typed but not sent yet, oldest first. socket.io would buffer an emit made while offline
 * and send it on reconnect *before* 'connect' fires, so before we are back in the room: refused.
 * So the page never emits a message while offline; it waits here until the room is joined again.
 */
const outbox: { roomId: number; text: string }[] = [];

function show(view: 'login' | 'lobby' | 'room') {
  for (const id of ['login', 'lobby', 'room']) $(`#${id}`).hidden = id !== view;
}
const showError = (text: string) => ($('#error').textContent = text);
const setOnline = (online: number) => ($('#online').textContent = `${online} online`);

function renderRooms(rooms: Room[]) {
  $('#rooms').replaceChildren(
    ...rooms.map((room) => {
      const item = document.createElement('li');
      item.dataset.roomId = String(room.id);
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = room.name;
      const online = document.createElement('span');
      online.className = 'online';
      online.textContent = `${room.online} online`;
      const join = document.createElement('button');
      join.textContent = 'join';
      join.addEventListener('click', () => void enter(room.id));
      item.append(name, online, join);
      return item;
    }),
  );
}

function appendMessage(message: Message) {
  // A message sent while we joined is in the history AND arrives as message:new (through Redis,
  // after the join's answer): the same id, shown once.
  if ($('#messages').querySelector(`li[data-message-id="${message.id}"]`)) return;
  const line = document.createElement('li');
  line.dataset.messageId = String(message.id);
  line.dataset.author = message.author;
  // textContent, as in lab 07: HTML in a message stays harmless text.
  line.textContent = `${message.author}: ${message.text}`;
  $('#messages').append(line);
  line.scrollIntoView?.({ block: 'nearest' });
}

async function openLobby() {
  current = undefined;
  joined = undefined;
  outbox.length = 0; // leaving a room drops what was waiting for it
  const answer = await socket.emitWithAck('room:list');
  if (answer.ok) renderRooms(answer.rooms);
  show('lobby');
}

async function enter(roomId: number) {
  const answer = await socket.emitWithAck('room:join', { roomId });
  if (!answer.ok) {
    // The room may be gone: closed while this page was offline, say. Back to the lobby, which is live.
    showError(answer.error);
    return openLobby();
  }
  showError('');
  current = answer.room;
  $('#room-title').textContent = answer.room.name;
  $('#messages').replaceChildren();
  answer.history.forEach(appendMessage);
  setOnline(answer.online);
  // Only the owner sees the close button; the server checks again anyway.
  $('#close').hidden = answer.room.owner !== username;
  show('room');
  joined = answer.room.id;
  await sendOutbox();
}

/** Sends the outbox in order, but only while this connection is in the room. */
let sending = false;
async function sendOutbox() {
  if (sending) return;
  sending = true;
  while (outbox.length > 0 && socket.connected && joined === outbox[0]!.roomId) {
    const { roomId, text } = outbox[0]!;
    // Rejects if the connection drops before the answer: stored or not, we cannot know, so no retry.
    const answer = await socket.emitWithAck('message:send', { roomId, text }).catch(() => ({
      ok: false as const,
      error: 'The connection dropped before the server answered: your message may not have been sent.',
    }));
    outbox.shift();
    if (!answer.ok) {
      showError(answer.error);
      $<HTMLInputElement>('#text').value ||= text; // back in the box, to send again
    }
  }
  sending = false;
}

function signIn(name: string) {
  // Signing in again closes the old session first: one page, one connection, one person in the room.
  socket.disconnect();
  username = name;
  // The username travels in the handshake, not in each payload: the server's io.use() checks it once.
  socket.auth = { username };
  socket.connect();
}

socket.on('connect', () => {
  $('#status').textContent = `Connected as ${username}.`;
  // After a reconnect socket.io has forgotten our rooms: join the one on screen again.
  void (current ? enter(current.id) : openLobby());
});
socket.on('disconnect', () => {
  joined = undefined; // the server forgot our rooms: the outbox waits for the join again
  $('#status').textContent = 'Disconnected, reconnecting…';
});
socket.on('connect_error', (error) => {
  // socket.active is false when the server refused us (the middleware), true for a network hiccup.
  if (socket.active) return;
  localStorage.removeItem(USERNAME_KEY);
  showError(error.message);
  show('login');
});

socket.on('rooms:changed', renderRooms);
socket.on('room:presence', ({ roomId, online }) => {
  if (current?.id === roomId) setOnline(online);
});
socket.on('message:new', (message) => {
  if (current?.id === message.roomId) appendMessage(message);
});
socket.on('room:closed', ({ roomId }) => {
  if (current?.id !== roomId) return;
  showError(`The room "${current.name}" was closed by its owner.`);
  void openLobby();
});

$('#login').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $<HTMLInputElement>('#username').value.trim();
  localStorage.setItem(USERNAME_KEY, name);
  showError('');
  signIn(name);
});

$('#create').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('#room-name');
  const answer = await socket.emitWithAck('room:create', { name: input.value });
  if (!answer.ok) return showError(answer.error);
  showError('');
  input.value = '';
});

$('#composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = $<HTMLInputElement>('#text');
  if (!current || input.value.trim() === '') return;
  // Through the outbox: sent now if we are in the room, else once we are back in it.
  outbox.push({ roomId: current.id, text: input.value });
  input.value = '';
  void sendOutbox();
});

$('#leave').addEventListener('click', async () => {
  if (current) await socket.emitWithAck('room:leave', { roomId: current.id });
  await openLobby();
});

$('#close').addEventListener('click', async () => {
  if (!current) return;
  const answer = await socket.emitWithAck('room:close', { roomId: current.id });
  if (!answer.ok) showError(answer.error);
});

// Which node served this page, and the same page on the others: every node knows them from Redis.
// (XMLHttpRequest rather than fetch: jsdom, where some checkpoints run this page, has no fetch.)
function showNodes() {
  const request = new XMLHttpRequest();
  request.open('GET', '/nodes');
  request.addEventListener('load', () => renderNodes(JSON.parse(request.responseText)));
  request.send();
}
function renderNodes({ self, nodes }: { self: string; nodes: { id: string; port: number }[] }) {
  $('#node').textContent = `This page talks to node ${self} on port ${location.port}.`;
  const others = nodes.filter((node) => node.id !== self);
  $('#other-nodes').replaceChildren(
    ...others.map((node) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `${location.protocol}//${location.hostname}:${node.port}/`;
      link.textContent = `node ${node.id} on port ${node.port}`;
      item.append(link);
      return item;
    }),
  );
  // One node alone: nothing to link to.
  $('#nodes').hidden = others.length === 0;
}
showNodes();
// Nodes come and go (try stopping one): ask again now and then.
setInterval(showNodes, 5000);

// The username is asked once, then remembered by this browser.
const saved = localStorage.getItem(USERNAME_KEY);
if (saved) signIn(saved);
else show('login');
