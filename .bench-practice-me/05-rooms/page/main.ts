// Two panels, two connections: the post's left and right windows, side by side.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { Answer, ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function panel(root: HTMLElement) {
  // forceNew: each panel gets its own connection, its own sid, like a separate window.
  const socket: LabSocket = io({ forceNew: true });
  showWire(socket); // the wire panel under the page: every packet, on both sides
  const find = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  const username = find<HTMLInputElement>('.username');
  const room = find<HTMLInputElement>('.room');
  const text = find<HTMLInputElement>('.text');
  const log = find<HTMLUListElement>('.log');
  const error = find<HTMLParagraphElement>('.error');

  /** One <li> per thing this connection hears. */
  function show(kind: 'status' | 'message' | 'closed', value: string) {
    const line = document.createElement('li');
    line.dataset.kind = kind;
    // TODO(05.6): show the line as text, so HTML in a name or a message stays harmless  (delete this TODO line once it is done)
    //   Hint: Usernames and messages come from other people's keyboards. Which DOM property sets text without parsing HTML?
    log.append(line);
  }

  /** Every ack either clears the error line or shows the server's sentence. */
  const answer = (reply: Answer) => (error.textContent = reply.ok ? '' : reply.error);

  socket.on('connect', () => (find('.sid').textContent = `sid ${socket.id}`));
  socket.on('status', (line) => show('status', line));
  socket.on('message', (m) => show('message', `${m.username} (${m.room}): ${m.text}`));
  socket.on('closed', ({ room }) => show('closed', `room ${room} was closed.`));

  find('.join').addEventListener('click', () => socket.emit('join', { username: username.value, room: room.value }, answer));
  find('.leave').addEventListener('click', () => socket.emit('leave', { username: username.value, room: room.value }, answer));
  find('.close').addEventListener('click', () => socket.emit('close', { room: room.value }, answer));
  find('.composer').addEventListener('submit', (event) => {
    event.preventDefault();
    socket.emit('room message', { room: room.value, text: text.value }, answer);
  });
  find('.who').addEventListener('submit', (event) => event.preventDefault());
}

panel(document.querySelector<HTMLElement>('#left')!);
panel(document.querySelector<HTMLElement>('#right')!);
