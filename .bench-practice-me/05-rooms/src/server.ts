// Lab 05: rooms. The post's room example, and its two-window test:
//
//   @socketio.on('join')
//   def on_join(data):
//       join_room(data['room'])
//       emit('status', data['username'] + ' has entered the room.', room=data['room'])
//
// A room is a label on connections, kept by the server alone: the client never knows which rooms it
// is in unless you tell it. Joining, leaving and closing are all server calls.
import type { Server } from 'socket.io';
import { fail, replyVia } from '@labs/shared';
import type { ClientToServerEvents, JoinPayload, ServerToClientEvents } from './events.ts';

/** What the server remembers per connection (Flask would keep it in a dict keyed by request.sid). */
export interface SocketData {
  username?: string;
}

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

// Lengths are JavaScript's .length: UTF-16 code units, so an emoji counts as 2.
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 2000;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isJoinPayload(payload: unknown): payload is JoinPayload {
  return isObject(payload) && isName(payload.username) && isName(payload.room);
}
const JOIN_PAYLOAD_ERROR = 'Send { username, room }: both non-empty strings of at most 64 characters.';

export function attach(io: LabServer) {
  io.on('connection', (socket) => {
    /** Is this socket in `room`? Its own sid room does not count: nobody else can be in it. */
    const isMember = (room: string) => room !== socket.id && socket.rooms.has(room);

    // Every handler answers its ack, if the client sent one. socket.io passes the callback last,
    // so a lone emit('join', cb) brings it in payload's place: reply there all the same.
    socket.on('join', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      if (!isJoinPayload(payload)) return reply(fail(JOIN_PAYLOAD_ERROR));
      const { username, room } = payload;
      // Every connection is alone in the room named after its sid (that is how io.to(sid) works).
      // Let a client join it, and it would read that connection's messages, or close the room and
      // cut the connection off from its own sid. So no connection's sid is a room you may join.
      if (io.of('/').adapter.sids.has(room)) {
        return reply(fail(`"${room}" is a connection's sid, and that room belongs to the connection alone: pick another name.`));
      }

      // TODO(05.1): put this socket in the room, and remember its username  (delete this TODO line once it is done)
      //   Hint: Flask's join_room(room) acts on the current client. Here the current client is `socket`.

      // TODO(05.2): tell everyone in the room, the joiner included, that "<username> has entered the room."  (delete this TODO line once it is done)
      //   Hint: Flask's emit('status', ..., room=room) reaches every member, the sender too. socket.to(room) would skip the joiner.
      reply({ ok: true });
    });

    socket.on('leave', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      if (!isJoinPayload(payload)) return reply(fail(JOIN_PAYLOAD_ERROR));
      const { username, room } = payload;
      if (!isMember(room)) return reply(fail(`You are not in room "${room}".`));

      // TODO(05.3): leave the room, then tell the members who stay "<username> has left the room."  (delete this TODO line once it is done)
      //   Hint: Leave first (Flask's leave_room), then send to the room: the leaver is no longer in it, so it does not hear its own line.
      reply({ ok: true });
    });

    socket.on('room message', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      if (!isObject(payload) || !isName(payload.room) || !isText(payload.text)) {
        return reply(fail('Send { room, text }: a room name and 1 to 2000 characters of text.'));
      }
      const { room, text } = payload;
      // Only members may post. socket.rooms is what Flask calls rooms(): every room this socket is in.
      if (!isMember(room)) return reply(fail(`Join room "${room}" before posting to it.`));
      io.to(room).emit('message', { room, username: socket.data.username ?? '', text });
      reply({ ok: true });
    });

    socket.on('close', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      if (!isObject(payload) || !isName(payload.room)) {
        return reply(fail('Send { room }: a non-empty string of at most 64 characters.'));
      }
      const { room } = payload;
      if (!isMember(room)) return reply(fail(`Only a member of room "${room}" can close it.`));
      // TODO(05.4): warn every member with "closed", then take all of them out of the room  (delete this TODO line once it is done)
      //   Hint: Flask's close_room(room) empties the room at once. In Node, io.in(room) selects every member, on any server.
      reply({ ok: true });
    });

    // As in lab 04: who am I, to the server? socket.rooms always holds the sid itself.
    // whoami takes no payload: its ack is the last argument, whatever a client sent before it.
    socket.on('whoami', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      ack({ sid: socket.id, rooms: [...socket.rooms], namespace: socket.nsp.name });
    });

    // "disconnecting" fires while socket.rooms is still full; by "disconnect" socket.io has emptied it.
    // (Flask-SocketIO keeps the client in its rooms until its disconnect handler returns.)
    socket.on('disconnecting', () => {
      const { username } = socket.data;
      if (username === undefined) return;
      // TODO(05.5): tell each room this socket was in that "<username> has disconnected."  (delete this TODO line once it is done)
      //   Hint: Loop over socket.rooms, skipping the room named after socket.id: nobody else is in it.
    });
  });
}
