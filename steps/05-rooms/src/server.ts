// Lab 05: rooms. The post's room example, and its two-window test:
//
//   @socketio.on('join')
//   def on_join(data):
//       join_room(data['room'])
//       send(data['username'] + ' has entered the room.', room=data['room'])
//
// A room is a label on connections, kept by the server alone: the client never knows which rooms it
// is in unless you tell it. Joining, leaving and closing are all server calls.
import type { Server } from 'socket.io';
import type { Ack, ClientToServerEvents, JoinPayload, ServerToClientEvents } from './events.ts';

/** What the server remembers per connection (Flask would keep it in a dict keyed by request.sid). */
export interface SocketData {
  username?: string;
}

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 2000;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isJoinPayload(payload: unknown): payload is JoinPayload {
  return isObject(payload) && isName(payload.username) && isName(payload.room);
}
const NAMES = 'Send { username, room }: both non-empty strings of at most 64 characters.';

/** Answers the ack if the client sent one; a client may also emit without it. */
function reply(ack: unknown, answer: Ack) {
  if (typeof ack === 'function') ack(answer);
}

export function attach(io: LabServer) {
  io.on('connection', (socket) => {
    socket.on('join', (payload, ack) => {
      if (!isJoinPayload(payload)) return reply(ack, { ok: false, error: NAMES });
      const { username, room } = payload;

      // #region practice 05.1: put this socket in the room, and remember its username
      // hint: Flask's join_room(room) acts on the current client. Here the current client is `socket`.
      // hint: socket.join(room); then socket.data.username = username;
      socket.join(room);
      socket.data.username = username;
      // #endregion

      // #region practice 05.2: tell everyone in the room, the joiner included, that the user has entered
      // hint: Flask's send(..., room=room) reaches every member, the sender too. socket.to(room) would skip the joiner.
      // hint: io.to(room).emit('status', `${username} has entered the room.`);
      io.to(room).emit('status', `${username} has entered the room.`);
      // #endregion
      reply(ack, { ok: true });
    });

    socket.on('leave', (payload, ack) => {
      if (!isJoinPayload(payload)) return reply(ack, { ok: false, error: NAMES });
      const { username, room } = payload;
      if (room === socket.id || !socket.rooms.has(room)) return reply(ack, { ok: false, error: `You are not in room "${room}".` });

      // #region practice 05.3: leave the room, then tell the members who stay
      // hint: Leave first (Flask's leave_room), then send to the room: the leaver is no longer in it, so it does not hear its own line.
      // hint: socket.leave(room); io.to(room).emit('status', `${username} has left the room.`);
      socket.leave(room);
      io.to(room).emit('status', `${username} has left the room.`);
      // #endregion
      reply(ack, { ok: true });
    });

    socket.on('room message', (payload, ack) => {
      if (!isObject(payload) || !isName(payload.room) || !isText(payload.text)) {
        return reply(ack, { ok: false, error: 'Send { room, text }: a room name and 1 to 2000 characters of text.' });
      }
      const { room, text } = payload;
      // Only members may post. socket.rooms is what Flask calls rooms(): every room this socket is in.
      if (room === socket.id || !socket.rooms.has(room)) {
        return reply(ack, { ok: false, error: `Join room "${room}" before posting to it.` });
      }
      io.to(room).emit('message', { room, username: socket.data.username ?? '', text });
      reply(ack, { ok: true });
    });

    socket.on('close', (payload, ack) => {
      if (!isObject(payload) || !isName(payload.room)) {
        return reply(ack, { ok: false, error: 'Send { room }: a non-empty string of at most 64 characters.' });
      }
      const { room } = payload;
      if (room === socket.id || !socket.rooms.has(room)) {
        return reply(ack, { ok: false, error: `Only a member of room "${room}" can close it.` });
      }
      // #region practice 05.4: warn every member with "closed", then take all of them out of the room
      // hint: Flask's close_room(room) empties the room at once. In Node, io.in(room) selects every member, on any server.
      // hint: io.to(room).emit('closed', { room }); io.in(room).socketsLeave(room);
      io.to(room).emit('closed', { room });
      io.in(room).socketsLeave(room);
      // #endregion
      reply(ack, { ok: true });
    });

    // As in lab 04: who am I, to the server? socket.rooms always holds the sid itself.
    socket.on('whoami', (ack) => {
      if (typeof ack !== 'function') return;
      ack({ sid: socket.id, rooms: [...socket.rooms], namespace: socket.nsp.name });
    });

    // "disconnecting" fires while socket.rooms is still full; by "disconnect" socket.io has emptied it.
    // (Flask-SocketIO keeps the client in its rooms until its disconnect handler returns.)
    socket.on('disconnecting', () => {
      const { username } = socket.data;
      if (username === undefined) return;
      // #region practice 05.5: tell each room this socket was in that the user has disconnected
      // hint: Loop over socket.rooms, skipping the room named after socket.id: nobody else is in it.
      // hint: for (const room of socket.rooms) if (room !== socket.id) socket.to(room).emit('status', `${username} has disconnected.`);
      for (const room of socket.rooms) {
        if (room !== socket.id) socket.to(room).emit('status', `${username} has disconnected.`);
      }
      // #endregion
    });
  });
}
