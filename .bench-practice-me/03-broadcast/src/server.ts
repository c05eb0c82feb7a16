// Lab 03: broadcast. Three audiences for one message, each its own event:
//
//   emit('chat', data, broadcast=True)                      everyone      io.emit
//   emit('typing', data, broadcast=True, include_self=False) all but me   socket.broadcast.emit
//   emit('echo', data)                                       only me      socket.emit
//
// In a Flask-SocketIO handler, emit() answers the sender alone unless told otherwise. Socket.IO
// says the audience in the object you call emit on: io (everyone), socket.broadcast (all but this
// socket), socket (this one).
import type { Server } from 'socket.io';
import { fail, replyVia } from '@labs/shared';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents>;

const MAX_TEXT_LENGTH = 2000;

/** A chat line: a non-empty string of at most MAX_TEXT_LENGTH characters (UTF-16 code units, as .length counts). */
function isText(text: unknown): text is string {
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_TEXT_LENGTH;
}
const TEXT_ERROR = `The text must be a non-empty string of at most ${MAX_TEXT_LENGTH} characters.`;

export function attach(io: LabServer) {
  io.on('connection', (socket) => {
    // Everyone on "/", the sender included (Flask: emit(..., broadcast=True)).
    socket.on('chat', (text, ack) => {
      // A lone callback, emit('chat', cb), arrives in text's place: answer it all the same.
      const reply = replyVia(ack ?? text);
      if (!isText(text)) return reply(fail(TEXT_ERROR));
      io.emit('chat', { from: socket.id, text });
      reply({ ok: true });
    });

    // Everyone but the sender: the typist knows they are typing (Flask: include_self=False).
    // typing carries no payload; anything sent along is ignored, and the ack, if any, comes last.
    socket.on('typing', (...args: unknown[]) => {
      const reply = replyVia(args.at(-1));
      socket.broadcast.emit('typing', { from: socket.id });
      reply({ ok: true });
    });

    // Only the sender (Flask: a plain emit() inside the handler).
    socket.on('echo', (text, ack) => {
      const reply = replyVia(ack ?? text);
      if (!isText(text)) return reply(fail(TEXT_ERROR));
      socket.emit('echo', text);
      reply({ ok: true });
    });
  });
}
