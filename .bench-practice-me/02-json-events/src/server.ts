// Lab 02: JSON events and acks. Lab 01's server, plus the post's second handler,
// @socketio.on('json'), which hands the object to the server object's send(): as in lab 01,
// Flask-SocketIO relays it to everyone as the unnamed event "message". On the wire "json" is one
// more event name, and its argument is whatever JSON can carry (binary travels apart).
import type { Server } from 'socket.io';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from './events.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** The most values one roundtrip answers; more is refused, not truncated. */
const MAX_ROUNDTRIP_VALUES = 10;

/** A plain object, as JSON.parse makes it: not an array, not null, not a Buffer. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

export function attach(io: LabServer) {
  io.on('connection', (socket) => {
    // Lab 01's handler, unchanged: a client's send(x) comes back to everyone, then "ceshi".
    socket.on('message', (value) => {
      // A bare socket.send() brings nothing to relay, and a lone callback is not a value.
      if (value === undefined || typeof value === 'function') return;
      io.send(value);
      io.emit('ceshi', '测试');
    });

    // The post's json handler. A client may pass a callback as the last argument: that is an ack.
    // Flask-SocketIO answers it with the handler's return value; socket.io hands you the callback.
    // emit('json', callback) brings nothing to send: the callback arrives in payload's place.
    socket.on('json', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      // TODO(02.3): refuse anything that is not a plain object, and say why in the ack  (delete this TODO line once it is done)
      //   Hint: A string, a number, null, an array or nothing at all is not the post's JSON object. Check with isPlainObject, answer with fail(…) and stop.

      // TODO(02.1): send the object to every client on "/" as a message, the sender included  (delete this TODO line once it is done)
      //   Hint: This is the same call as lab 01: socketio.send(json) reaches everyone, as the event "message".

      // TODO(02.2): if the client asked for an ack, answer { ok: true }  (delete this TODO line once it is done)
      //   Hint: Flask would `return {'ok': True}`. reply(...) calls the client's callback, and does nothing when it sent none.
    });

    // Not in the post: an event may carry several arguments, and each arrives as its own
    // parameter (Flask: def roundtrip(*values)). The ack is always the last one; it sends back
    // the values as they arrived, so you can see what survived the trip.
    socket.on('roundtrip', (...args) => {
      // Without an ack there is nobody to answer, and nothing else to do.
      if (typeof args.at(-1) !== 'function') return;
      const reply = replyVia<{ values: unknown[] }>(args.pop());
      if (args.length > MAX_ROUNDTRIP_VALUES) {
        return reply(fail(`roundtrip takes at most ${MAX_ROUNDTRIP_VALUES} values, and got ${args.length}.`));
      }
      reply({ ok: true, values: args });
    });
  });
}

// fail and replyVia are written out here, where acks are the lesson; later labs import them from '@labs/shared'.
const fail = (error: string) => ({ ok: false as const, error });

/** The client's ack, guarded: a client that sent no ack gets no answer, one that sent only a callback gets it there. */
function replyVia<Result extends object = {}>(ack: unknown): Ack<Result> {
  return (answer) => {
    if (typeof ack === 'function') ack(answer);
  };
}
