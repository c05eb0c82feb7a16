// Lab 07: the original post's room chat, built properly. Its plan, step by step:
//   1. users create and name rooms, stored with a unique id      -> 'room:create', SQLite
//   2. all rooms are listed                                       -> 'room:list', 'rooms:changed'
//   3-4. a user picks a room and the server join_room()s them    -> 'room:join', socket.join()
//   5. every message carries the room id, sent to that room      -> 'message:send', io.to(room)
//   6. a room is closed with close_room()                         -> 'room:close', socketsLeave()
// SQLite (store.ts) remembers rooms and messages; socket.io only knows who is connected where.
import type { DefaultEventsMap, Server, ServerOptions } from 'socket.io';
import {
  MESSAGE_MAX,
  ROOM_NAME_MAX,
  USERNAME,
  type Ack,
  type ClientToServerEvents,
  type Message,
  type Room,
  type RoomRef,
  type ServerToClientEvents,
  type SocketData,
} from './events.ts';
import { openStore, type StoredRoom } from './store.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

// Two limits a public server needs, whatever it teaches (docs/07-room-chat.md, "Limits").
/** The largest packet socket.io accepts from a client: far above a 2,000-character message. */
export const MAX_PACKET_BYTES = 100_000;
/** Options for new Server(): main.ts and the checkpoints pass them. A bigger packet closes its connection. */
export const serverOptions = { maxHttpBufferSize: MAX_PACKET_BYTES } satisfies Partial<ServerOptions>;
/** Per socket: up to SEND_BURST messages at once, then SEND_RATE a second. No human meets it; a flood does. */
export const SEND_RATE = 20;
export const SEND_BURST = 100;
export const RATE_ERROR = `Slow down: at most ${SEND_RATE} messages a second (${SEND_BURST} at once).`;

/**
 * The socket.io room of a database room. Room names are strings: socket.join(42) and
 * io.to('42') would be two different rooms, so every id goes through this one function.
 */
export const roomName = (roomId: number) => `room:${roomId}`;

export function attach(io: LabServer, { dbFile }: { dbFile: string }) {
  const store = openStore(dbFile);

  // Identity comes from the handshake, once, like a login: io({ auth: { username } }).
  // A middleware runs before 'connection'; next(error) refuses the socket with a connect_error.
  io.use((socket, next) => {
    const username: unknown = socket.handshake.auth.username;
    // #region practice 07.1: refuse a username that does not match USERNAME, else keep it in socket.data
    // 任务: 拒绝不符合 USERNAME 的用户名，否则把它存进 socket.data
    // hint: A middleware refuses a connection by calling next() with an Error; the client gets its message in connect_error.
    // 提示: 中间件用一个 Error 调用 next() 来拒绝连接；客户端会在 connect_error 里收到它的消息。
    // hint: if (typeof username !== 'string' || !USERNAME.test(username)) return next(new Error('…')); then socket.data.username = username;
    // 提示: 答案：if (typeof username !== 'string' || !USERNAME.test(username)) return next(new Error('…')); 然后 socket.data.username = username;
    if (typeof username !== 'string' || !USERNAME.test(username)) {
      return next(new Error('The username is invalid: use 1 to 32 letters, digits, _ or -.'));
    }
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

  io.on('connection', (socket) => {
    const { username } = socket.data;
    // One bucket per socket: a client that floods spends its own tokens, never the others'.
    const mayPost = tokenBucket(SEND_RATE, SEND_BURST);
    /** Is this socket in the socket.io room of `roomId`? That is what membership means here. */
    const isMember = (roomId: number) => socket.rooms.has(roomName(roomId));

    // Every handler below answers the asker first (the ack), then tells the others.
    // Payloads are `unknown`: the types in events.ts are a promise the network does not keep.
    // socket.io passes the client's callback last, so `emit('room:create', cb)` arrives as the payload.
    // `guarded` (below) turns a database failure into an error ack instead of a crashed server.
    socket.on(
      'room:create',
      guarded(async (payload: unknown, ack: unknown) => {
        const reply = replyVia<{ room: Room }>(ack ?? payload);
        if (!isObject(payload) || typeof payload.name !== 'string') return reply(fail('room:create needs { name }: a string.'));
        const name = payload.name.trim();
        // Lengths are JavaScript's .length: UTF-16 code units, so an emoji counts as 2.
        if (name.length < 1 || name.length > ROOM_NAME_MAX)
          return reply(fail(`A room name is 1 to ${ROOM_NAME_MAX} characters.`));
        // Control characters (NUL, newline, escape…) are invisible or break a line: no room name has them.
        if (/\p{Cc}/u.test(name)) return reply(fail('A room name cannot contain control characters such as a newline.'));
        const created = store.createRoom(name, username);
        if (!created) return reply(fail(`A room named "${name}" already exists.`));
        reply({ ok: true, room: await withOnline(created) });
        io.emit('rooms:changed', await allRooms());
      }),
    );

    socket.on(
      'room:list',
      guarded(async (ack: unknown, extra?: unknown) => {
        const reply = replyVia<{ rooms: Room[] }>(extra ?? ack);
        if (extra !== undefined) return reply(fail('room:list takes no payload: emit it with an ack only.'));
        reply({ ok: true, rooms: await allRooms() });
      }),
    );

    socket.on(
      'room:join',
      guarded(async (payload: unknown, ack: unknown) => {
        const reply = replyVia<{ room: Room; history: Message[]; online: number }>(ack ?? payload);
        if (!isRoomRef(payload)) return reply(fail('room:join needs { roomId }: a room id, a whole number.'));
        const room = store.findRoom(payload.roomId);
        if (!room) return reply(fail(`There is no room ${payload.roomId}.`));
        // #region practice 07.2: put this socket into the room's socket.io room (Flask's join_room)
        // 任务: 把这个 socket 加入这个聊天室对应的 socket.io 房间（Flask 的 join_room）
        // hint: Flask's join_room(room) is a method of the socket here; remember the room's name is a string, not the id.
        // 提示: Flask 的 join_room(room) 在这里是 socket 的一个方法；记住房间名是一个字符串，而不是 id。
        // hint: await socket.join(roomName(room.id));
        // 提示: 答案：await socket.join(roomName(room.id));
        await socket.join(roomName(room.id));
        // #endregion
        // Join first, read the history second, so no message can fall in between and be missed. One sent
        // in that gap is in the history AND arrives as message:new (before this answer), so a client must
        // not simply add both: drop doubles by id or, as this page does, redraw the room from the history.
        const online = await countOnline(room.id);
        reply({ ok: true, room: { ...room, online }, history: store.history(room.id), online });
        io.to(roomName(room.id)).emit('room:presence', { roomId: room.id, online });
      }),
    );

    socket.on(
      'room:leave',
      guarded(async (payload: unknown, ack: unknown) => {
        const reply = replyVia(ack ?? payload);
        if (!isRoomRef(payload)) return reply(fail('room:leave needs { roomId }: a room id, a whole number.'));
        if (!isMember(payload.roomId)) return reply(fail(`You are not in room ${payload.roomId}.`));
        await socket.leave(roomName(payload.roomId));
        reply({ ok: true });
        const online = await countOnline(payload.roomId);
        io.to(roomName(payload.roomId)).emit('room:presence', { roomId: payload.roomId, online });
      }),
    );

    socket.on(
      'message:send',
      guarded((payload: unknown, ack: unknown) => {
        const reply = replyVia<{ message: Message }>(ack ?? payload);
        if (!mayPost()) return reply(fail(RATE_ERROR));
        if (!isObject(payload) || !isRoomId(payload.roomId) || typeof payload.text !== 'string') {
          return reply(fail('message:send needs { roomId, text }: a room id and a string.'));
        }
        const { roomId, text } = payload;
        // 1 to 2,000 characters, as typed: a lone space is a message (the page skips blank lines itself).
        if (text.length < 1 || text.length > MESSAGE_MAX) return reply(fail(`A message is 1 to ${MESSAGE_MAX} characters.`));
        // Members only: a socket that has not joined the room may not talk into it (and the room must exist).
        if (!isMember(roomId) || !store.findRoom(roomId)) return reply(fail(`Join room ${roomId} before sending to it.`));
        // Stored first: once the sender has its ack, a reload or a restart finds the message.
        const message = store.addMessage(roomId, username, text);
        reply({ ok: true, message });
        // #region practice 07.3: send the message to everyone in the room, the sender included
        // 任务: 把消息发给房间里的每个人，发送者也包括在内
        // hint: Flask's emit(..., to=room) is io.to(room).emit(...) here; socket.to(room) would skip the sender.
        // 提示: Flask 的 emit(..., to=room) 在这里是 io.to(room).emit(...)；socket.to(room) 会跳过发送者。
        // hint: io.to(roomName(roomId)).emit('message:new', message);
        // 提示: 答案：io.to(roomName(roomId)).emit('message:new', message);
        io.to(roomName(roomId)).emit('message:new', message);
        // #endregion
      }),
    );

    socket.on(
      'room:close',
      guarded(async (payload: unknown, ack: unknown) => {
        const reply = replyVia(ack ?? payload);
        if (!isRoomRef(payload)) return reply(fail('room:close needs { roomId }: a room id, a whole number.'));
        const room = store.findRoom(payload.roomId);
        if (!room) return reply(fail(`There is no room ${payload.roomId}.`));
        if (room.owner !== username) return reply(fail(`Only ${room.owner}, who created "${room.name}", may close it.`));
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
      }),
    );

    // 'disconnecting' still sees socket.rooms ('disconnect' comes after they are emptied):
    // the last chance to tell each room that someone left.
    socket.on('disconnecting', async () => {
      // Copy the names first: socket.rooms empties while we await.
      for (const name of [...socket.rooms].filter((name) => name.startsWith('room:'))) {
        const roomId = Number(name.slice('room:'.length));
        const online = await countOnline(roomId, socket.id);
        io.to(name).except(socket.id).emit('room:presence', { roomId, online });
      }
    });
  });

  // startLab calls this when the server stops: the database file is closed cleanly.
  return () => store.close();
}

// Validation, kept short and beside the handlers it guards. Payloads come from the network:
// any JSON value at all, or nothing but a callback.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isRoomId(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
function isRoomRef(value: unknown): value is RoomRef {
  return isObject(value) && isRoomId(value.roomId);
}
const fail = (error: string) => ({ ok: false as const, error });

/** The client's ack, guarded: a client that sent no ack gets no answer, one that sent only a callback gets it there. */
function replyVia<Result extends object = {}>(ack: unknown): Ack<Result> {
  return (answer) => {
    if (typeof ack === 'function') ack(answer);
  };
}

/**
 * A token bucket: it holds up to `burst` tokens and refills `rate` a second; each message takes one.
 * A burst spends the stored tokens, then the refill sets the pace. It answers true if one was left.
 */
function tokenBucket(rate: number, burst: number) {
  let tokens = burst;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * A handler that cannot crash the server. SQLite can fail: SQLITE_BUSY after 5 s of waiting while
 * someone holds a write lock in the sqlite3 shell, a full disk. Thrown in a handler, that would be
 * an uncaught exception (or an unhandled rejection) and the whole process would exit. Instead the
 * asker's ack (socket.io passes it last) answers an error; an ack already answered ignores it.
 */
function guarded<Args extends unknown[]>(handler: (...args: Args) => unknown) {
  return async (...args: Args) => {
    try {
      await handler(...args);
    } catch (error) {
      console.error(`lab 07: a request failed: ${(error as Error).message}`);
      replyVia(args.at(-1))(fail('The server could not save that, try again.'));
    }
  };
}
