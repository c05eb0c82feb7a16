// Two panels, two namespaces, one connection: io() and io('/ceshi') share one Manager,
// so socket.io multiplexes both sockets over the same engine.io connection.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

type LabSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const rootSocket: LabSocket = io();
showWire(rootSocket); // the wire panel under the page: every packet, on both sides
// TODO(04.4): connect a second socket to the /ceshi namespace of the same server  (delete this TODO line once it is done)
//   Hint: io() takes a namespace as its path; the Manager (the connection) is shared when the host is the same.
const ceshiSocket: LabSocket = io();

/** Wires one panel to one socket: who it is, a button that emits ceshi, and a log of what it hears. */
function panel(id: string, socket: LabSocket) {
  const section = document.querySelector<HTMLElement>(`#${id}`)!;
  const whoami = section.querySelector<HTMLParagraphElement>('.whoami')!;
  const log = section.querySelector<HTMLUListElement>('.log')!;

  function show(kind: 'sent' | 'ceshi', text: string) {
    const line = document.createElement('li');
    line.dataset.kind = kind;
    line.textContent = text;
    log.append(line);
  }

  socket.on('connect', async () => {
    const me = await socket.emitWithAck('whoami');
    // socket.io.engine is the one connection under both sockets: the same id in both panels.
    whoami.textContent = `${me.namespace} · sid ${me.sid} · rooms ${me.rooms.join(', ')} · connection ${socket.io.engine.id}`;
  });
  socket.on('ceshi', (text) => show('ceshi', `ceshi: ${text}`));
  section.querySelector('.emit')!.addEventListener('click', () => {
    show('sent', '(you emitted ceshi here)');
    socket.emit('ceshi', 'hello');
  });
}

panel('root', rootSocket);
panel('ceshi', ceshiSocket);
