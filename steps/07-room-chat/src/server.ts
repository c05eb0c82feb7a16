// Lab 07: the original post's room chat, built properly. Its plan, step by step:
//   1-2. users create rooms, stored with a unique id, and see them listed -> 'room:create', 'room:list', 'rooms:changed'
//   3-5. a user join_room()s one and talks to it with the room id         -> 'room:join', 'message:send', io.to(room)
//   6. a room is closed with close_room()                                 -> 'room:close', socketsLeave()
// SQLite (store.ts) remembers rooms and messages; socket.io only knows who is connected where.
import { fail, guarded, MAX_PACKET_BYTES, RATE_ERROR, replyVia, schemaFor, tokenBucket } from '@labs/shared';
import type { ServerOptions } from 'socket.io';
import { type LabServer, type Room, payloads, refusal, USERNAME, USERNAME_ERROR } from './events.ts';
import { openStore, type StoredRoom } from './store.ts';

// A packet over maxHttpBufferSize closes its connection; a flood meets a token bucket per socket (docs/07-room-chat.md, "Limits").
export const serverOptions: Partial<ServerOptions> = { maxHttpBufferSize: MAX_PACKET_BYTES };

/** The socket.io room of a database room: always a string, so 42 and '42' can never be two rooms. */
export const roomName = (roomId: number) => `room:${roomId}`;

export function attach(io: LabServer, { dbFile }: { dbFile: string }) {
  const store = openStore(dbFile);

  // Identity comes from the handshake, once, like a login: next(error) refuses the socket with a connect_error.
  io.use((socket, next) => {
    const username: unknown = socket.handshake.auth.username;
    // #region practice 07.1: refuse a username that does not match USERNAME with next(new Error(USERNAME_ERROR)), else keep it in socket.data
    // 任务: 用 next(new Error(USERNAME_ERROR)) 拒绝不符合 USERNAME 的用户名，否则把它存进 socket.data
    // hint: A middleware refuses a connection by calling next() with an Error; the client gets its message in connect_error.
    // 提示: 中间件用一个 Error 调用 next() 来拒绝连接；客户端会在 connect_error 里收到它的消息。
    // hint: if (typeof username !== 'string' || !USERNAME.test(username)) return next(new Error(USERNAME_ERROR)); then socket.data.username = username;
    // 提示: 答案：if (typeof username !== 'string' || !USERNAME.test(username)) return next(new Error(USERNAME_ERROR)); 然后 socket.data.username = username;
    if (typeof username !== 'string' || !USERNAME.test(username)) return next(new Error(USERNAME_ERROR));
    socket.data.username = username;
    // #endregion
    next();
  });

  /** Online = distinct usernames with a socket in the room. `leaving` is a socket on its way out. */
  async function countOnline(roomId: number, leaving?: string): Promise<number> {
    // #region practice 07.4: count the distinct usernames among the sockets in the room
    // 任务: 数一数房间里的 socket 中有多少个不同的用户名
    // hint: Ask socket.io who is in the room (io.in(...).fetchSockets()); each socket carries data.username. Two tabs of one user count once, and the `leaving` socket not at all.
    // 提示: 问 socket.io 房间里有谁（io.in(...).fetchSockets()）；每个 socket 都带着 data.username。同一个用户的两个标签页只算一次，正在离开（`leaving`）的 socket 不算。
    // hint: const sockets = await io.in(roomName(roomId)).fetchSockets(); return new Set(sockets.filter((s) => s.id !== leaving).map((s) => s.data.username)).size;
    // 提示: 答案：const sockets = await io.in(roomName(roomId)).fetchSockets(); return new Set(sockets.filter((s) => s.id !== leaving).map((s) => s.data.username)).size;
    // stub: return 0;
    const sockets = await io.in(roomName(roomId)).fetchSockets();
    return new Set(sockets.filter((s) => s.id !== leaving).map((s) => s.data.username)).size;
    // #endregion
  }
  const withOnline = async (room: StoredRoom): Promise<Room> => ({ ...room, online: await countOnline(room.id) });
  const allRooms = () => Promise.all(store.listRooms().map(withOnline));
  // biome-ignore format: one socket.on(event, guarded(handler)) block per event, as socket.io's chat example reads
  io.on('connection', (socket) => {
    // One bucket per socket: a flood spends its own tokens, and 200 refusals in a second cut the socket off.
    const mayPost = tokenBucket({ onFlood: () => socket.disconnect(true) });
    const isMember = (roomId: number) => socket.rooms.has(roomName(roomId));

    // Packet middleware: every event from this client passes here first, as [event, ...args], the callback last.
    socket.use((packet, next) => {
      const [event, ...args] = packet;
      const reply = replyVia(typeof args.at(-1) === 'function' ? args.pop() : undefined);
      const schema = schemaFor(payloads, event);
      if (!schema) return reply(fail(`There is no event "${event}".`));
      const payload = args.length > 1 ? args : args[0];
      const parsed = schema.safeParse(payload);
      // #region practice 07.7: refuse a payload its schema rejects: answer why, and drop the packet
      // 任务: 拒绝不符合 schema 的数据：回答原因，并丢掉这个数据包
      // hint: safeParse never throws: parsed.success says whether the payload fits, refusal(schema, payload) says why not. Not calling next() drops the packet.
      // 提示: safeParse 从不抛出异常：parsed.success 说明数据是否符合，refusal(schema, payload) 说明为什么不符合。不调用 next() 就丢掉了这个数据包。
      // hint: if (!parsed.success) return reply(fail(refusal(schema, payload)));
      // 提示: 答案：if (!parsed.success) return reply(fail(refusal(schema, payload)));
      if (!parsed.success) return reply(fail(refusal(schema, payload)));
      // #endregion
      // The handler gets the checked payload (room:list has none) and a reply that is always a function.
      packet.splice(1, Infinity, ...(parsed.data === undefined ? [] : [parsed.data]), reply);
      next();
    });

    // Each handler answers the asker first (the ack), then tells the others; guarded turns a thrown database error into an error ack.
    socket.on('room:create', guarded(async ({ name }, reply) => {
      const created = store.createRoom(name, socket.data.username);
      if (!created) return reply(fail(`A room named "${name}" already exists.`));
      reply({ ok: true, room: await withOnline(created) });
      io.emit('rooms:changed', await allRooms());
    }));

    socket.on('room:list', guarded(async (reply) => reply({ ok: true, rooms: await allRooms() })));

    socket.on('room:join', guarded(async ({ roomId }, reply) => {
      const room = store.findRoom(roomId);
      if (!room) return reply(fail(`There is no room ${roomId}.`));
      // #region practice 07.2: put this socket into the room's socket.io room (Flask's join_room)
      // 任务: 把这个 socket 加入这个聊天室对应的 socket.io 房间（Flask 的 join_room）
      // hint: Flask's join_room(room) is a method of the socket here. Its name is roomName(id), "room:42", the same name every emit to the room uses.
      // 提示: Flask 的 join_room(room) 在这里是 socket 的一个方法。房间名是 roomName(id)，即 "room:42"，每次发往这个房间的 emit 用的都是这个名字。
      // hint: await socket.join(roomName(room.id));
      // 提示: 答案：await socket.join(roomName(room.id));
      await socket.join(roomName(room.id));
      // #endregion
      // Joined first, history read second: no message falls in between (one may come twice, see the notes).
      const online = await countOnline(room.id);
      reply({ ok: true, room: { ...room, online }, history: store.history(room.id), online });
      io.to(roomName(room.id)).emit('room:presence', { roomId: room.id, online });
    }));

    socket.on('room:leave', guarded(async ({ roomId }, reply) => {
      if (!isMember(roomId)) return reply(fail(`You are not in room ${roomId}.`));
      await socket.leave(roomName(roomId));
      reply({ ok: true });
      io.to(roomName(roomId)).emit('room:presence', { roomId, online: await countOnline(roomId) });
    }));

    socket.on('message:send', guarded(({ roomId, text }, reply) => {
      if (!mayPost()) return reply(fail(RATE_ERROR));
      // Members only: a socket that has not joined the room may not talk into it.
      if (!isMember(roomId) || !store.findRoom(roomId)) return reply(fail(`Join room ${roomId} before sending to it.`));
      // Stored first: once the sender has its ack, a reload or a restart finds the message.
      const message = store.addMessage(roomId, socket.data.username, text);
      reply({ ok: true, message });
      // #region practice 07.3: send the message to everyone in the room, the sender included
      // 任务: 把消息发给房间里的每个人，发送者也包括在内
      // hint: Flask's emit(..., to=room) is io.to(room).emit(...) here; socket.to(room) would skip the sender.
      // 提示: Flask 的 emit(..., to=room) 在这里是 io.to(room).emit(...)；socket.to(room) 会跳过发送者。
      // hint: io.to(roomName(roomId)).emit('message:new', message);
      // 提示: 答案：io.to(roomName(roomId)).emit('message:new', message);
      io.to(roomName(roomId)).emit('message:new', message);
      // #endregion
    }));

    socket.on('room:close', guarded(async ({ roomId }, reply) => {
      const room = store.findRoom(roomId);
      if (!room) return reply(fail(`There is no room ${roomId}.`));
      if (room.owner !== socket.data.username) return reply(fail(`Only ${room.owner}, who created "${room.name}", may close it.`));
      store.deleteRoom(room.id);
      reply({ ok: true });
      // Tell the members first, while they are still in the room, then empty it.
      io.to(roomName(room.id)).emit('room:closed', { roomId: room.id });
      // #region practice 07.5: make every socket leave the closed room (Flask's close_room)
      // 任务: 让每个 socket 离开被关闭的房间（Flask 的 close_room）
      // hint: Flask's close_room(room) empties a room of everyone; io.in(room) selects them all, on any socket.
      // 提示: Flask 的 close_room(room) 把房间里的人全部清空；io.in(room) 选中他们所有人，不论是哪个 socket。
      // hint: io.in(roomName(room.id)).socketsLeave(roomName(room.id));
      // 提示: 答案：io.in(roomName(room.id)).socketsLeave(roomName(room.id));
      io.in(roomName(room.id)).socketsLeave(roomName(room.id));
      // #endregion
      io.emit('rooms:changed', await allRooms());
    }));

    // 'disconnecting' still sees socket.rooms ('disconnect' comes after they are emptied): tell each room.
    socket.on('disconnecting', async () => {
      for (const name of [...socket.rooms].filter((name) => name.startsWith('room:'))) {
        const roomId = Number(name.slice('room:'.length));
        io.to(name).except(socket.id).emit('room:presence', { roomId, online: await countOnline(roomId, socket.id) });
      }
    });
  });

  // startLab calls this when the server stops: the database file is closed cleanly.
  return () => store.close();
}
