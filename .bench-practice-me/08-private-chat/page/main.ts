// The private chat page: sign in once, keep the session, talk one to one.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, Message, ServerToClientEvents, UserStatus } from '../src/events.ts';

const SESSION_KEY = 'lab08.sessionId';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const login = $<HTMLFormElement>('#login');
const usernameInput = $<HTMLInputElement>('#username');
const loginError = $('#login-error');
const chat = $('#chat');
const userList = $<HTMLUListElement>('#users');
const conversation = $('#conversation');
const lines = $<HTMLUListElement>('#messages');
const text = $<HTMLInputElement>('#text');
const error = $('#error');
const status = $('#status');

let me: { userId: number; username: string } | undefined;
/** The other user whose conversation is on screen. */
let openPeer: number | undefined;
const users = new Map<number, UserStatus & { unread: number }>();
/** Every message this page has, by id: the same id is never shown twice. */
const known = new Map<number, Message>();

// Who we are is decided in the handshake. `auth` as a function runs on every (re)connect,
// so after the first sign-in every reconnect sends the stored session, not the name.
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
  autoConnect: false,
  // Say goodbye when the tab closes or navigates away, so the others see "offline" at once.
  // Otherwise a connection still on long polling is only noticed gone at the next ping timeout.
  closeOnBeforeunload: true,
  auth: (send) => {
    const sessionId = localStorage.getItem(SESSION_KEY);
    send(sessionId ? { sessionId } : { username: usernameInput.value });
  },
});
showWire(socket); // the wire panel under the page: every packet, on both sides

if (localStorage.getItem(SESSION_KEY)) {
  status.textContent = 'Connecting…';
  socket.connect();
} else login.hidden = false;

login.addEventListener('submit', (event) => {
  event.preventDefault();
  loginError.textContent = '';
  status.textContent = 'Connecting…';
  socket.connect();
});

socket.on('connect_error', (err) => {
  // socket.active is true for a network problem: socket.io retries by itself. Say so.
  if (socket.active) {
    status.textContent = 'The server is unreachable, retrying…';
    return;
  }
  // false: the middleware refused us (a taken name, an unknown session), and socket.io will not retry.
  status.textContent = 'Not connected.';
  localStorage.removeItem(SESSION_KEY);
  loginError.textContent = err.message;
  chat.hidden = true;
  login.hidden = false;
});
socket.on('disconnect', () => (status.textContent = 'Disconnected, reconnecting…'));

socket.on('session', ({ sessionId, userId, username }) => {
  localStorage.setItem(SESSION_KEY, sessionId);
  me = { userId, username };
  $('#me').textContent = `Signed in as ${username}`;
  status.textContent = `Connected as ${username}.`;
  login.hidden = true;
  chat.hidden = false;
});

socket.on('users', (list) => {
  for (const user of list) users.set(user.userId, { ...user, unread: users.get(user.userId)?.unread ?? 0 });
  renderUsers();
});
socket.on('user:new', ({ userId, username }) => {
  users.set(userId, { userId, username, online: true, unread: 0 });
  renderUsers();
});
socket.on('user:online', ({ userId }) => setOnline(userId, true));
socket.on('user:offline', ({ userId }) => setOnline(userId, false));

// Shown first, then acked: the ack tells the server "on screen", so it marks the message
// delivered and never sends it again. An ack before showing could cover a message never shown.
socket.on('dm:new', (message, ack) => {
  addMessage(message);
  ack();
});

function addMessage(message: Message) {
  // TODO(08.6): show a message once, even when the server sends it again  (delete this TODO line once it is done)
  //   Hint: An unacked message is sent again on the next connection, and history may bring it too. Messages have ids: remember the ones you have.
  known.set(message.id, message);
  const peer = peerOf(message);
  if (peer === openPeer) lines.append(lineFor(message));
  // Unread means someone else wrote it: what I sent from another tab is no news to me.
  else if (message.from !== me?.userId && users.has(peer)) {
    users.get(peer)!.unread += 1;
    renderUsers();
  }
}

async function openConversation(peer: number) {
  openPeer = peer;
  users.get(peer)!.unread = 0;
  renderUsers();
  $('#peer').textContent = `Chat with ${users.get(peer)!.username}`;
  conversation.hidden = false;
  renderConversation();
  lines.setAttribute('aria-busy', 'true'); // until the history is in
  const answer = await socket.emitWithAck('dm:history', { with: peer, limit: 100 });
  lines.setAttribute('aria-busy', 'false');
  if (!answer.ok) {
    error.textContent = answer.error;
    return;
  }
  for (const message of answer.messages) known.set(message.id, message);
  renderConversation();
}

$<HTMLFormElement>('#composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (openPeer === undefined) return;
  const answer = await socket.emitWithAck('dm:send', { to: openPeer, text: text.value });
  if (!answer.ok) {
    error.textContent = answer.error;
    return;
  }
  error.textContent = '';
  text.value = '';
  addMessage(answer.message);
});

$('#delete').addEventListener('click', async () => {
  const peer = openPeer;
  if (peer === undefined) return;
  const answer = await socket.emitWithAck('dm:delete', { with: peer });
  if (!answer.ok) {
    error.textContent = answer.error;
    return;
  }
  for (const message of known.values()) if (peerOf(message) === peer) known.delete(message.id);
  renderConversation();
});

// Rendering. Names and texts come from other people: textContent only, never innerHTML.
const peerOf = (message: Message) => (message.from === me?.userId ? message.to : message.from);
const nameOf = (userId: number) => (userId === me?.userId ? me.username : (users.get(userId)?.username ?? `user ${userId}`));

function lineFor(message: Message) {
  const line = document.createElement('li');
  line.dataset.id = String(message.id);
  line.className = message.from === me?.userId ? 'mine' : 'theirs';
  line.textContent = `${nameOf(message.from)}: ${message.text}`;
  return line;
}

function renderConversation() {
  const shown = [...known.values()].filter((message) => peerOf(message) === openPeer).sort((a, b) => a.id - b.id);
  lines.replaceChildren(...shown.map(lineFor));
}

function setOnline(userId: number, online: boolean) {
  const user = users.get(userId);
  if (user) user.online = online;
  renderUsers();
}

function renderUsers() {
  userList.replaceChildren(
    ...[...users.values()].map((user) => {
      const item = document.createElement('li');
      item.dataset.userId = String(user.userId);
      item.dataset.online = String(user.online);
      item.dataset.open = String(user.userId === openPeer);
      const name = document.createElement('button');
      name.type = 'button';
      name.textContent = user.username;
      name.addEventListener('click', () => void openConversation(user.userId));
      const status = document.createElement('span');
      status.className = 'status';
      status.textContent = user.online ? ' online' : ' offline';
      const unread = document.createElement('span');
      unread.className = 'unread';
      unread.textContent = user.unread ? String(user.unread) : '';
      item.append(name, status, unread);
      return item;
    }),
  );
}
