// Lab 10: lab 07's room chat on several servers ("nodes") that share one Redis.
// Same events, same payloads, same acks. What changes is where things live:
//   - socket.io rooms are still in each node's memory, so a broadcast must be relayed to the
//     other nodes: that is the adapter's job (@socket.io/redis-adapter, Redis pub/sub);
//   - rooms, messages and presence move from one process (SQLite, memory) to Redis (store.ts),
//     so every node answers room:list, history and online counts the same way.
// The original post's last idea, "store the rooms and their online counts in Redis", is this lab.
import { createAdapter } from '@socket.io/redis-adapter';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DefaultEventsMap, Server } from 'socket.io';
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
import { HEARTBEAT_MS, openStore, type StoredRoom } from './store.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

/**
 * The socket.io room of a stored room. Room names are strings: socket.join(42) and
 * io.to('42') would be two different rooms, so every id goes through this one function.
 */
export const roomName = (roomId: number) => `room:${roomId}`;

/** What a request answers when Redis is away: the server stays up and says so. */
export const STORE_DOWN = 'The chat store (Redis) cannot be reached right now. Try again in a moment.';

export async function attach(io: LabServer, { redisUrl }: { redisUrl: string }, app: Express) {
  // If Redis ever comes back without its data, every room is gone: leaveEveryRoom (below) says so.
  const store = await openStore(redisUrl, { onDataLost: () => leaveEveryRoom() });

  // The adapter relays every broadcast through Redis pub/sub. io.to(room).emit(...) on this node
  // publishes the packet once; every other node receives it and delivers it to ITS members of
  // the room. Without it, each node's io.to(room) only reaches the sockets connected to that node.
  // It needs two connections: a subscribed Redis connection can do nothing but listen.
  const [pubClient, subClient] = await store.adapterClients();
  // #region practice 10.1: relay broadcasts between nodes through Redis with the redis adapter
  // 任务: 用 Redis 适配器（adapter）通过 Redis 在节点之间转发广播
  // hint: socket.io's default adapter keeps rooms and broadcasts in this process. io.adapter(...) replaces it; createAdapter comes from @socket.io/redis-adapter.
  // 提示: socket.io 默认的适配器把房间和广播都留在这个进程里。io.adapter(...) 可以替换它；createAdapter 来自 @socket.io/redis-adapter。
  // hint: io.adapter(createAdapter(pubClient, subClient));
  // 提示: 答案：io.adapter(createAdapter(pubClient, subClient));
  io.adapter(createAdapter(pubClient, subClient));
  // #endregion

  // This node, as the others and the page see it.
  const nodeId = randomUUID().slice(0, 8);
  const port = () => (io.httpServer.address() as AddressInfo | null)?.port ?? 0;

  /**
   * Who is in each room on THIS node. socket.io's adapter only knows this node's sockets
   * (io.of('/').adapter.rooms), so each node reports its own part to Redis and the counts
   * add up there. `leaving` is a socket on its way out.
   */
  function localPresence(leaving?: string) {
    const rooms = new Map<number, string[]>();
    for (const [name, socketIds] of io.of('/').adapter.rooms) {
      if (!name.startsWith('room:')) continue;
      const usernames = [...socketIds].filter((id) => id !== leaving).map((id) => io.of('/').sockets.get(id)?.data.username);
      const distinct = new Set(usernames.filter((username) => username !== undefined));
      if (distinct.size > 0) rooms.set(Number(name.slice('room:'.length)), [...distinct]);
    }
    return { port: port(), rooms };
  }
  const savePresence = (leaving?: string) => store.savePresence(nodeId, localPresence(leaving));

  // The heartbeat: while this node lives, its presence is rewritten before its TTL runs out.
  // A node killed with SIGKILL stops beating, and Redis drops its users a few seconds later;
  // the first node to see that tells everyone the new counts.
  const heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  async function beat() {
    await savePresence();
    if ((await store.forgetDeadNodes()) > 0) await announceOnline();
  }
  io.httpServer.once('listening', () => void savePresence().catch(() => {}));

  // Which node am I on, and where are the others? The page links to each.
  app.get('/nodes', async (_req, res) => {
    try {
      const live = await store.livePresence();
      res.json({ self: nodeId, nodes: [...live].map(([id, node]) => ({ id, port: node.port })) });
    } catch {
      res.status(503).json({ self: nodeId, nodes: [], error: STORE_DOWN });
    }
  });

  // Identity comes from the handshake, once, like a login: io({ auth: { username } }).
  // A middleware runs before 'connection'; next(error) refuses the socket with a connect_error.
  io.use((socket, next) => {
    const username: unknown = socket.handshake.auth.username;
    if (typeof username !== 'string' || !USERNAME.test(username)) {
      return next(new Error('The username is invalid: use 1 to 32 letters, digits, _ or -.'));
    }
    socket.data.username = username;
    next();
  });

  /** Online = distinct usernames with a socket in the room, on every live node (store.ts adds them up). */
  const countOnline = async (roomId: number) => (await store.online()).get(roomId) ?? 0;
  const withOnline = async (room: StoredRoom): Promise<Room> => ({ ...room, online: await countOnline(room.id) });
  // One read of every node's presence for the whole list, not one per room.
  const allRooms = async (): Promise<Room[]> => {
    const [rooms, online] = await Promise.all([store.listRooms(), store.online()]);
    return rooms.map((room) => ({ ...room, online: online.get(room.id) ?? 0 }));
  };

  io.on('connection', (socket) => {
    const { username } = socket.data;
    /** Is this socket in the socket.io room of `roomId`? That is what membership means here. */
    const isMember = (roomId: number) => socket.rooms.has(roomName(roomId));

    // Every handler below answers the asker first (the ack), then tells the others.
    // Payloads are `unknown`: the types in events.ts are a promise the network does not keep.
    // socket.io passes the client's callback last, so `emit('room:create', cb)` arrives as the payload.
    // `guarded` (below) turns a Redis failure into an error ack instead of a crashed server.
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
        const created = await store.createRoom(name, username);
        if (!created) return reply(fail(`A room named "${name}" already exists.`));
        reply({ ok: true, room: await withOnline(created) });
        // io.emit goes through the adapter too: clients on every node get the new list.
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
        const { roomId } = payload;
        // Join first, read Redis second. A close on another node deletes the room in Redis, THEN
        // relays socketsLeave to every node: if our read still finds the room, that socketsLeave
        // comes after our join and takes us out with the others. Read first, and it could pass
        // between the read and the join, leaving this socket in a closed room.
        const wasMember = isMember(roomId);
        await socket.join(roomName(roomId));
        try {
          const room = await store.findRoom(roomId);
          if (!room) {
            await socket.leave(roomName(roomId));
            return reply(fail(`There is no room ${roomId}.`));
          }
          // The history is read after the join too, so no message can fall in between and be missed.
          // One sent in that gap is in the history AND arrives as message:new: the page drops doubles by id.
          const history = await store.history(roomId);
          await savePresence();
          const online = await countOnline(roomId);
          reply({ ok: true, room: { ...room, online }, history, online });
          io.to(roomName(roomId)).emit('room:presence', { roomId, online });
        } catch (error) {
          // Redis failed half way: a failed join leaves things as they were. guarded answers the error.
          if (!wasMember) await socket.leave(roomName(roomId));
          throw error;
        }
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
        // The rest is news for the others. If Redis is away, the ack above stays true (we did leave),
        // and the heartbeat writes this node's presence again once Redis is back.
        await savePresence();
        const online = await countOnline(payload.roomId);
        io.to(roomName(payload.roomId)).emit('room:presence', { roomId: payload.roomId, online });
      }),
    );

    socket.on(
      'message:send',
      guarded(async (payload: unknown, ack: unknown) => {
        const reply = replyVia<{ message: Message }>(ack ?? payload);
        if (!isObject(payload) || !isRoomId(payload.roomId) || typeof payload.text !== 'string') {
          return reply(fail('message:send needs { roomId, text }: a room id and a string.'));
        }
        const { roomId, text } = payload;
        // 1 to 2,000 characters, as typed: a lone space is a message (the page skips blank lines itself).
        if (text.length < 1 || text.length > MESSAGE_MAX) return reply(fail(`A message is 1 to ${MESSAGE_MAX} characters.`));
        // Members only: a socket that has not joined the room may not talk into it.
        if (!isMember(roomId)) return reply(fail(`Join room ${roomId} before sending to it.`));
        // Stored first: once the sender has its ack, any node's history has the message. The room
        // may have been closed on another node since we joined (its socketsLeave still on its way):
        // addMessage appends only if the room's stream exists, in one command, and says so.
        const message = await store.addMessage(roomId, username, text);
        if (!message) return reply(fail(`There is no room ${roomId}.`));
        reply({ ok: true, message });
        // The same line as lab 07: the adapter makes it reach the room's members on every node.
        io.to(roomName(roomId)).emit('message:new', message);
      }),
    );

    socket.on(
      'room:close',
      guarded(async (payload: unknown, ack: unknown) => {
        const reply = replyVia(ack ?? payload);
        if (!isRoomRef(payload)) return reply(fail('room:close needs { roomId }: a room id, a whole number.'));
        const room = await store.findRoom(payload.roomId);
        if (!room) return reply(fail(`There is no room ${payload.roomId}.`));
        if (room.owner !== username) return reply(fail(`Only ${room.owner}, who created "${room.name}", may close it.`));
        await store.deleteRoom(room);
        reply({ ok: true });
        // Tell the members first, while they are still in the room, then empty it.
        io.to(roomName(room.id)).emit('room:closed', { roomId: room.id });
        // socketsLeave is relayed too: every node takes its own sockets out of the room.
        io.in(roomName(room.id)).socketsLeave(roomName(room.id));
        io.emit('rooms:changed', await allRooms());
      }),
    );

    // 'disconnecting' still sees socket.rooms ('disconnect' comes after they are emptied):
    // the last chance to tell each room that someone left. (When this node stops, it drops its
    // whole presence at once instead: see the end of attach.)
    socket.on(
      'disconnecting',
      guarded(async (reason: string) => {
        // Copy the names first: socket.rooms empties while we await.
        const names = [...socket.rooms].filter((name) => name.startsWith('room:'));
        if (names.length === 0 || reason === 'server shutting down') return;
        await savePresence(socket.id);
        const online = await store.online();
        for (const name of names) {
          const roomId = Number(name.slice('room:'.length));
          io.to(name)
            .except(socket.id)
            .emit('room:presence', { roomId, online: online.get(roomId) ?? 0 });
        }
      }),
    );
  });

  /** A dead node's users just left every count: tell the lobbies, and every room with someone in it. */
  async function announceOnline() {
    const rooms = await allRooms();
    io.emit('rooms:changed', rooms);
    for (const { id, online } of rooms) {
      if (online > 0) io.to(roomName(id)).emit('room:presence', { roomId: id, online });
    }
  }

  /**
   * Redis lost its data: it restarted without persistence (as this lab's does), or was flushed.
   * Its counters start again at 1, so a new room 1 would take in the old room 1's members: they
   * would hear it without joining, and could post to it. Their rooms are gone, so each node tells
   * its own sockets (io.local: no relay, every node does this for itself) and takes them out.
   */
  function leaveEveryRoom() {
    const names = [...io.of('/').adapter.rooms.keys()].filter((name) => name.startsWith('room:'));
    for (const name of names) {
      io.local.to(name).emit('room:closed', { roomId: Number(name.slice('room:'.length)) });
      io.local.in(name).socketsLeave(name);
    }
    void savePresence().catch(() => {});
  }

  /**
   * lab 07's guarded: a handler that cannot crash the server. Any await on Redis can fail (it is
   * down, or went away mid-request). Thrown in a handler, that would be an unhandled rejection and
   * the whole process would exit. Instead the asker's ack (socket.io passes it last) answers an
   * error; an ack already answered ignores it. The node recovers by itself when Redis is back.
   */
  function guarded<Args extends unknown[]>(handler: (...args: Args) => unknown) {
    return async (...args: Args) => {
      try {
        await handler(...args);
      } catch (error) {
        console.error(`lab 10: a request failed (the stack says where):`, error);
        replyVia(args.at(-1))(fail(store.isUp() ? 'The server could not do that, try again.' : STORE_DOWN));
      }
    };
  }

  // startLab calls this when the server stops: this node leaves the presence at once
  // (no need to wait for its TTL), and its Redis connections close. close() waits for queued
  // commands, which could be forever if Redis is away: after a second, destroy() drops them.
  return async () => {
    clearInterval(heartbeat);
    await store.forgetNode(nodeId).catch(() => {});
    const closed = Promise.all([store.close(), pubClient.close(), subClient.close()]).then(
      () => true,
      () => true,
    );
    const inTime = await Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(resolve, 1000, false).unref())]);
    if (!inTime) for (const client of [store, pubClient, subClient]) client.destroy();
  };
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
