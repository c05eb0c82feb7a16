// The post's simple online chat: a message list, an input, and a "someone is typing…" line.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
showWire(socket); // the wire panel under the page: every packet, on both sides

const messages = document.querySelector<HTMLUListElement>('#messages')!;
const typingLine = document.querySelector<HTMLParagraphElement>('#typing')!;
const text = document.querySelector<HTMLInputElement>('#text')!;
const status = document.querySelector<HTMLParagraphElement>('#status')!;

/** What the typing line says (with the one-character ellipsis "…"; the checkpoints also accept "..."). */
const TYPING_TEXT = 'someone is typing…';
/** How long TYPING_TEXT stays after the last typing event. */
const TYPING_PAUSE_MS = 1000;
let typingTimer: ReturnType<typeof setTimeout> | undefined;

/** One <li> per line, as text: it came from someone else's keyboard. */
function show(kind: 'mine' | 'theirs' | 'echo', label: string) {
  const line = document.createElement('li');
  line.dataset.kind = kind;
  line.textContent = label;
  messages.append(line);
}

socket.on('chat', ({ from, text }) => {
  const mine = from === socket.id;
  show(mine ? 'mine' : 'theirs', `${mine ? 'you' : from}: ${text}`);
});
socket.on('echo', (text) => show('echo', `echo (only you): ${text}`));

socket.on('typing', () => {
  (window as any).missing.typing = true;
  // TODO(03.4): show TYPING_TEXT on the typing line, and clear it after TYPING_PAUSE_MS with no new typing  (delete this TODO line once it is done)
  //   Hint: Set the line's text, and restart a timer each time: clearTimeout the old one, setTimeout a new one that empties the line.
});

/** Sends one event with an ack and shows the server's reason if it refused. */
async function send(event: 'chat' | 'echo') {
  const reply = await socket.timeout(5000).emitWithAck(event, text.value);
  status.textContent = reply.ok ? '' : reply.error;
  if (reply.ok && event === 'chat') text.value = '';
}

// Tell the others, at most every half second, that this tab is typing.
let lastTyping = 0;
text.addEventListener('input', () => {
  if (Date.now() - lastTyping < 500) return;
  lastTyping = Date.now();
  socket.emit('typing');
});

document.querySelector('#composer')!.addEventListener('submit', (event) => {
  event.preventDefault();
  send('chat').catch(() => (status.textContent = 'no answer from the server'));
});
document.querySelector('#echo')!.addEventListener('click', () => {
  send('echo').catch(() => (status.textContent = 'no answer from the server'));
});
