// The post's client: it sends "connect once" on connect and logs what comes back.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
showWire(socket); // the wire panel under the page: every packet, on both sides

const log = document.querySelector<HTMLUListElement>('#log')!;
const text = document.querySelector<HTMLInputElement>('#text')!;

/** One <li> per received event. */
function show(kind: 'message' | 'ceshi', label: string, value: unknown) {
  const line = document.createElement('li');
  line.dataset.kind = kind;
  // TODO(01.3): show the line as text, "label: value" (a non-string as JSON), so HTML stays harmless  (delete this TODO line once it is done)
  //   Hint: What a server relays came from someone else's keyboard. Which DOM property sets text without parsing it as HTML?
  log.append(line);
}

// As in the post: say hello once the connection is up.
socket.on('connect', () => socket.send('connect once'));

socket.on('message', (value) => show('message', 'unnamed (无名)', value));
socket.on('ceshi', (value) => show('ceshi', 'named (有名)', value));

// "send" is the unnamed way...
document.querySelector('#composer')!.addEventListener('submit', (event) => {
  event.preventDefault();
  socket.send(text.value);
});
// ...and emit('message', …) is the same packet, written out by name.
document.querySelector('#emit')!.addEventListener('click', () => {
  socket.emit('message', text.value);
});
