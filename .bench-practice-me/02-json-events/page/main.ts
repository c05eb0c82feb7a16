// The post's JSON client: parse what the learner wrote, emit it as "json" with an ack,
// and show the ack and every "message" that comes back.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
showWire(socket); // the wire panel under the page: every packet, on both sides

const log = document.querySelector<HTMLUListElement>('#log')!;
const json = document.querySelector<HTMLTextAreaElement>('#json')!;
const status = document.querySelector<HTMLParagraphElement>('#status')!;

/** The line under the button: the ack's answer, or why nothing was sent. */
function showStatus(kind: 'ok' | 'error', text: string) {
  status.dataset.kind = kind;
  status.textContent = text;
}

// Every relayed object, one <li> each, as text: it came from someone else's keyboard.
socket.on('message', (value) => {
  const line = document.createElement('li');
  line.textContent = `message: ${JSON.stringify(value)}`;
  log.append(line);
});

document.querySelector('#composer')!.addEventListener('submit', async (event) => {
  event.preventDefault();
  let value: unknown;
  try {
    value = JSON.parse(json.value);
  } catch (error) {
    // Invalid JSON stays on the page: there is nothing meaningful to send.
    showStatus('error', `invalid JSON, not sent: ${(error as Error).message}`);
    return;
  }
  try {
    // TODO(02.4): emit "json" with the value, wait for the ack, and show "ack: ok" or "ack: <its error>"  (delete this TODO line once it is done)
    //   Hint: emitWithAck returns a promise of the server's answer; timeout(ms) makes it reject if none comes.
  } catch {
    showStatus('error', 'no ack within 5 s: is the server running?');
  }
});
