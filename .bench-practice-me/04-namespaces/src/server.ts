// Lab 04: namespaces. The post's next server talks on two namespaces, "/" and "/ceshi". In
// Flask-SocketIO its /ceshi handler amounts to:
//
//   @socketio.on('ceshi', namespace='/ceshi')
//   def handle_ceshi(data):
//       socketio.emit('ceshi', 'message', namespace='/ceshi')
//       socketio.emit('ceshi', 'no-namespace')
//
// A namespace is a separate channel over the same connection: its own handlers, its own sockets,
// its own sids. The rule: an emit reaches exactly one namespace, the one it names; otherwise "/"
// for a server-level emit, and the handler's own namespace for socket.emit.
import type { Server, Socket } from 'socket.io';
import { fail, replyVia } from '@labs/shared';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents>;
type LabSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const MAX_TEXT_LENGTH = 2000;

/** A line of text: a non-empty string of at most MAX_TEXT_LENGTH characters (UTF-16 code units, as .length counts). */
function isText(text: unknown): text is string {
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_TEXT_LENGTH;
}
const TEXT_ERROR = `The text must be a non-empty string of at most ${MAX_TEXT_LENGTH} characters.`;

/** What every namespace offers: whoami, and lab 03's echo. */
function handleWhoamiAndEcho(socket: LabSocket) {
  // Flask: request.sid, rooms() and request.namespace, inside a handler.
  // whoami takes no payload: its ack is the last argument, whatever a client sent before it.
  socket.on('whoami', (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    // TODO(04.1): answer whoami with this socket's sid, its rooms as an array, and its namespace name  (delete this TODO line once it is done)
    //   Hint: socket.id, socket.rooms (a Set, which JSON cannot carry) and socket.nsp.name.
  });

  // socket.emit stays on this socket's namespace: an echo sent on /ceshi comes back on /ceshi.
  socket.on('echo', (text, ack) => {
    const reply = replyVia(ack ?? text);
    if (!isText(text)) return reply(fail(TEXT_ERROR));
    socket.emit('echo', text);
    reply({ ok: true });
  });
}

export function attach(io: LabServer) {
  // The default namespace "/": io.on('connection') is io.of('/').on('connection').
  // It has no ceshi handler, so a ceshi emitted here reaches nobody.
  io.on('connection', (socket) => handleWhoamiAndEcho(socket));

  // Flask's @socketio.on('ceshi', namespace='/ceshi') is a handler on the /ceshi namespace.
  io.of('/ceshi').on('connection', (socket) => {
    handleWhoamiAndEcho(socket);

    socket.on('ceshi', (...args: unknown[]) => {
      // Any payload, or none: the ack, if there is one, comes last.
      const reply = replyVia(args.at(-1));
      // TODO(04.2): emit ceshi "message" to every client of /ceshi, the sender included  (delete this TODO line once it is done)
      //   Hint: Name the namespace: io.of(name) is the server object of that namespace alone.

      // TODO(04.3): emit ceshi "no-namespace" from the server object, naming no namespace  (delete this TODO line once it is done)
      //   Hint: The server object without of(...) is the default namespace: who does that reach, and who not?

      // Not in the post: a client that passed an ack learns that both emits are done.
      reply({ ok: true });
    });
  });
}
