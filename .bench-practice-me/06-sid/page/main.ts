// One connection, one sid on screen, and a reconnect button to watch it change.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { Answer, ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
showWire(socket); // the wire panel under the page: every packet, on both sides

const sid = document.querySelector<HTMLElement>('#sid')!;
const users = document.querySelector<HTMLUListElement>('#users')!;
const log = document.querySelector<HTMLUListElement>('#log')!;
const me = document.querySelector<HTMLParagraphElement>('#me')!;
const error = document.querySelector<HTMLParagraphElement>('#error')!;
const input = (id: string) => document.querySelector<HTMLInputElement>(`#${id}`)!;

/** The name this tab registered, kept across reconnects: the sid is not. */
let myName: string | undefined;

const showAnswer = (answer: Answer) => (error.textContent = answer.ok ? '' : answer.error);

function register(username: string) {
  socket.emit('register', { username }, (answer) => {
    showAnswer(answer);
    if (!answer.ok) return;
    myName = username;
    me.textContent = `registered as ${username} on sid ${answer.sid}`;
  });
}

socket.on('connect', () => {
  // TODO(06.5): show this connection's sid on the page  (delete this TODO line once it is done)
  //   Hint: The client knows its sid once connected: it is a property of the socket.

  // TODO(06.6): after a reconnect, register the name again so the table points at the new sid  (delete this TODO line once it is done)
  //   Hint: The user table still names the old sid, or nothing at all. Tell the server again who this tab is, as the post does on every connection.
});
socket.on('disconnect', () => (sid.textContent = '(disconnected)'));

socket.on('users', (names) => {
  users.replaceChildren(
    ...names.map((name) => {
      const item = document.createElement('li');
      item.textContent = name;
      return item;
    }),
  );
});

socket.on('direct', ({ from, text }) => {
  const line = document.createElement('li');
  line.textContent = `${from}: ${text}`;
  log.append(line);
});

document.querySelector('#register')!.addEventListener('submit', (event) => {
  event.preventDefault();
  register(input('username').value);
});

document.querySelector('#direct')!.addEventListener('submit', (event) => {
  event.preventDefault();
  socket.emit('direct', { to: input('to').value, text: input('text').value }, showAnswer);
});

// Same tab, same person, new connection: watch the sid change.
document.querySelector('#reconnect')!.addEventListener('click', () => {
  socket.disconnect();
  socket.connect();
});
