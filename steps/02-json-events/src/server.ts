// Lab 02: JSON events and acks. Lab 01's server, plus the post's second handler,
// @socketio.on('json'), which hands the object to the server object's send(): as in lab 01,
// Flask-SocketIO relays it to everyone as the unnamed event "message". On the wire "json" is one
// more event name, and its argument is whatever JSON can carry (binary travels apart).
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';

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
      if (value === undefined || typeof value === 'function') return;
      io.send(value);
      io.emit('ceshi', '测试');
    });

    // The post's json handler. A client may pass a callback as the last argument: that is an ack.
    // Flask-SocketIO answers it with the handler's return value; socket.io hands you the callback.
    socket.on('json', (payload, ack) => {
      // emit('json', callback) brings nothing to send: the callback arrives in payload's place.
      if (typeof payload === 'function' && ack === undefined) [payload, ack] = [undefined, payload as typeof ack];
      // #region practice 02.3: refuse anything that is not a plain object, and say why in the ack
      // hint: A string, a number, null, an array or nothing at all is not the post's JSON object. Check with isPlainObject, answer { ok: false, error } and stop.
      // hint: if (!isPlainObject(payload)) { if (typeof ack === 'function') ack({ ok: false, error: '...a sentence...' }); return; }
      if (!isPlainObject(payload)) {
        if (typeof ack === 'function') {
          ack({ ok: false, error: 'json expects a plain object, like {"text": "hi"}; a string, number, null, array or nothing is not sent.' });
        }
        return;
      }
      // #endregion

      // #region practice 02.1: send the object to every client on "/" as a message, the sender included
      // hint: This is the same call as lab 01: socketio.send(json) reaches everyone, as the event "message".
      // hint: io.send(payload);
      io.send(payload);
      // #endregion

      // #region practice 02.2: if the client asked for an ack, answer { ok: true }
      // hint: The ack is the last argument, and only there when the client passed a callback. Flask would `return {'ok': True}`.
      // hint: if (typeof ack === 'function') ack({ ok: true });
      if (typeof ack === 'function') ack({ ok: true });
      // #endregion
    });

    // Not in the post: an event may carry several arguments, and each arrives as its own
    // parameter (Flask: def roundtrip(*values)). The ack is always the last one; it sends back
    // the values as they arrived, so you can see what survived the trip.
    socket.on('roundtrip', (...args) => {
      const ack = args.pop();
      if (typeof ack !== 'function') return;
      if (args.length > MAX_ROUNDTRIP_VALUES) {
        ack({ ok: false, error: `roundtrip takes at most ${MAX_ROUNDTRIP_VALUES} values, and got ${args.length}.` });
        return;
      }
      ack({ ok: true, values: args });
    });
  });
}
