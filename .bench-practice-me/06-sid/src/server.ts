// Lab 06: sid. For private chat, the post suggests a user table, { username: request.sid }, updated
// on every connection, and sending to the other user's sid (in Flask, emit(..., to=sid)).
//
// Every connection is in a room named after its sid, so "send to a sid" is "send to that room".
// But a sid names one connection, not a person: it changes on every reconnect. This lab shows what
// the table must do to survive that, and where it still falls short (lab 08).
import type { Server } from 'socket.io';
import { fail, replyVia } from '@labs/shared';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';

/** What the server remembers per connection: the name this connection registered. */
export interface SocketData {
  username?: string;
}

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

// Lengths are JavaScript's .length: UTF-16 code units, so an emoji counts as 2.
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 2000;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function attach(io: LabServer) {
  // The post's user table: username -> the sid of that user's current connection.
  const users = new Map<string, string>();
  const online = () => [...users.keys()].sort();

  io.on('connection', (socket) => {
    // socket.id is Flask's request.sid: random, made by the server for this connection only.
    // whoami takes no payload: its ack is the last argument, whatever a client sent before it.
    socket.on('whoami', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      ack({ sid: socket.id, rooms: [...socket.rooms], namespace: socket.nsp.name });
    });

    // socket.io passes the callback last, so a lone emit('register', cb) brings it in payload's place.
    socket.on('register', (payload, ack) => {
      const reply = replyVia<{ sid: string }>(ack ?? payload);
      if (!isObject(payload) || !isName(payload.username)) {
        return reply(fail('Send { username }: a non-empty string of at most 64 characters.'));
      }
      const { username } = payload;
      // One name per connection: registering under a new name gives the old one up.
      const previous = socket.data.username;
      if (previous !== undefined && previous !== username && users.get(previous) === socket.id) users.delete(previous);

      // TODO(06.1): point the user table at this connection, and remember the name on the socket  (delete this TODO line once it is done)
      //   Hint: The newest connection wins: set the table's entry for this name to this socket's sid, even if the name was there.

      // TODO(06.2): tell every client who is online now  (delete this TODO line once it is done)
      //   Hint: Everyone, the registering client included, gets the event "users" with the list of names.
      reply({ ok: true, sid: socket.id });
    });

    socket.on('direct', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      if (!isObject(payload) || !isName(payload.to) || !isText(payload.text)) {
        return reply(fail('Send { to, text }: a username and 1 to 2000 characters of text.'));
      }
      const { to, text } = payload;
      // The sender is whoever the table says owns this sid. A stale connection no longer owns a name.
      const from = socket.data.username;
      if (from === undefined || users.get(from) !== socket.id) {
        return reply(fail('Register a username on this connection before sending direct messages.'));
      }
      const sid = users.get(to);
      if (sid === undefined) return reply(fail(`"${to}" is not online.`));

      // TODO(06.3): send the direct message to the one connection the table names  (delete this TODO line once it is done)
      //   Hint: Every socket is in a room named after its own sid, so a sid works with io.to(...), like Flask's room=sid.
      reply({ ok: true });
    });

    socket.on('disconnect', () => {
      const name = socket.data.username;
      // TODO(06.4): forget the user, but only if the table still points at this connection  (delete this TODO line once it is done)
      //   Hint: After a reconnect, the new connection may have registered before the old one's disconnect arrives. Whose entry would you delete?
    });
  });
}
