// The room chat's page: a login once, a lobby of rooms, and one room at a time.
// Every string a user typed (usernames, room names, messages) is shown with textContent.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, Message, Room, ServerToClientEvents } from '../src/events.ts';

const USERNAME_KEY = 'room-chat:username';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

// One socket for the page's whole life, built unconnected: it connects once we know who we are.
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ autoConnect: false });
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
  const line = document.createElement('li');
  line.dataset.author = message.author;
  // #region practice 07.6: show "author: text" as text, so HTML in a message stays harmless
  // 任务: 把 "author: text" 当作纯文本显示，这样消息里的 HTML 就不会生效
  // hint: Messages come from other people's keyboards. Which DOM property sets text without parsing it as HTML?
  // 提示: 消息来自别人的键盘。哪个 DOM 属性只设置文本、不把它当作 HTML 解析？
  // hint: line.textContent = `${message.author}: ${message.text}`;
  // 提示: 答案：line.textContent = `${message.author}: ${message.text}`;
  line.textContent = `${message.author}: ${message.text}`;
  // #endregion
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

// The username is asked once, then remembered by this browser.
const saved = localStorage.getItem(USERNAME_KEY);
if (saved) signIn(saved);
else show('login');
