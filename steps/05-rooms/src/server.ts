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

      // #region practice 05.1: put this socket in the room, and remember its username
      // 任务: 把这个 socket 加入房间，并记住它的用户名
      // hint: Flask's join_room(room) acts on the current client. Here the current client is `socket`.
      // 提示: Flask 的 join_room(room) 作用于当前客户端。这里的当前客户端就是 `socket`。
      // hint: socket.join(room); then socket.data.username = username;
      // 提示: 答案：socket.join(room); 然后 socket.data.username = username;
      socket.join(room);
      socket.data.username = username;
      // #endregion

      // #region practice 05.2: tell everyone in the room, the joiner included, that "<username> has entered the room."
      // 任务: 告诉房间里的每个人（包括刚加入的人）："<username> has entered the room."
      // hint: Flask's emit('status', ..., room=room) reaches every member, the sender too. socket.to(room) would skip the joiner.
      // 提示: Flask 的 emit('status', ..., room=room) 会到达每个成员，发送者也在内。socket.to(room) 则会跳过加入者。
      // hint: io.to(room).emit('status', `${username} has entered the room.`);
      // 提示: 答案：io.to(room).emit('status', `${username} has entered the room.`);
      io.to(room).emit('status', `${username} has entered the room.`);
      // #endregion
      reply({ ok: true });
    });

    socket.on('leave', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      if (!isJoinPayload(payload)) return reply(fail(JOIN_PAYLOAD_ERROR));
      const { username, room } = payload;
      if (!isMember(room)) return reply(fail(`You are not in room "${room}".`));

      // #region practice 05.3: leave the room, then tell the members who stay "<username> has left the room."
      // 任务: 离开房间，然后告诉留下的成员："<username> has left the room."
      // hint: Leave first (Flask's leave_room), then send to the room: the leaver is no longer in it, so it does not hear its own line.
      // 提示: 先离开（Flask 的 leave_room），再向房间发送：离开的人已经不在房间里，所以听不到自己的这一行。
      // hint: socket.leave(room); io.to(room).emit('status', `${username} has left the room.`);
      // 提示: 答案：socket.leave(room); io.to(room).emit('status', `${username} has left the room.`);
      socket.leave(room);
      io.to(room).emit('status', `${username} has left the room.`);
      // #endregion
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
      // #region practice 05.4: warn every member with "closed", then take all of them out of the room
      // 任务: 先用 "closed" 通知每个成员，然后把他们全部移出房间
      // hint: Flask's close_room(room) empties the room at once. In Node, io.in(room) selects every member, on any server.
      // 提示: Flask 的 close_room(room) 一下子清空房间。在 Node 里，io.in(room) 选中每个成员，不论它在哪台服务器上。
      // hint: io.to(room).emit('closed', { room }); io.in(room).socketsLeave(room);
      // 提示: 答案：io.to(room).emit('closed', { room }); io.in(room).socketsLeave(room);
      io.to(room).emit('closed', { room });
      io.in(room).socketsLeave(room);
      // #endregion
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
      // #region practice 05.5: tell each room this socket was in that "<username> has disconnected."
      // 任务: 告诉这个 socket 所在的每个房间："<username> has disconnected."
      // hint: Loop over socket.rooms, skipping the room named after socket.id: nobody else is in it.
      // 提示: 遍历 socket.rooms，跳过以 socket.id 命名的那个房间：里面没有别人。
      // hint: for (const room of socket.rooms) if (room !== socket.id) socket.to(room).emit('status', `${username} has disconnected.`);
      // 提示: 答案：for (const room of socket.rooms) if (room !== socket.id) socket.to(room).emit('status', `${username} has disconnected.`);
      for (const room of socket.rooms) {
        if (room !== socket.id) socket.to(room).emit('status', `${username} has disconnected.`);
      }
      // #endregion
    });
  });
}
