// Lab 10: lab 09's room chat on several nodes, with its state moved out of the process into Redis.
// Same events, payloads and acks (lab 07's). What changes is where things live:
//   - rooms and messages move from one machine's SQLite file to Redis (store.ts): any node, any machine;
//   - presence moves from fetchSockets() (ask every node, wait for the slowest) to a hash per node in
//     Redis with a TTL: each node writes its part, a count reads Redis, a dead node's part expires.
// The adapter stays: socket.io rooms are still in each node's memory, and broadcasts are relayed.
import { checkPackets, COULD_NOT_SAVE, fail, guarded, MAX_PACKET_BYTES, RATE_ERROR, tokenBucket } from '@labs/shared';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Express } from 'express';
import type { ServerOptions } from 'socket.io';
import { type LabServer, payloads, type Room, refusal, STORE_DOWN, USERNAME, USERNAME_ERROR } from './events.ts';
import { trackPresence } from './presence.ts';
import { openStore } from './store.ts';

/** The socket.io room of a stored room: always a string, so 42 and '42' can never be two rooms. */
export const roomName = (roomId: number) => `room:${roomId}`;

/** What a request answers when Redis is away (events.ts): the server stays up and says so. */
export { STORE_DOWN };

// Lab 07's limits, and websocket only as in lab 09: one connection, one node, no sticky sessions needed.
export const serverOptions: Partial<ServerOptions> = { maxHttpBufferSize: MAX_PACKET_BYTES, transports: ['websocket'] };

export async function attach(io: LabServer, { redisUrl }: { redisUrl: string }, app: Express) {
  // If Redis ever comes back without its data, every room is gone: leaveEveryRoom (below) says so.
  const store = await openStore(redisUrl, { onDataLost: () => leaveEveryRoom() });
  const [pubClient, subClient] = await store.adapterClients();
  // #region practice 09.1: relay broadcasts between nodes through Redis with the redis adapter
  // 任务: 用 Redis 适配器（adapter）通过 Redis 在节点之间转发广播
  // hint: socket.io's default adapter keeps rooms and broadcasts in this process. io.adapter(...) replaces it; createAdapter comes from @socket.io/redis-adapter.
  // 提示: socket.io 默认的适配器把房间和广播都留在这个进程里。io.adapter(...) 可以替换它；createAdapter 来自 @socket.io/redis-adapter。
  // hint: io.adapter(createAdapter(pubClient, subClient));
  // 提示: 答案：io.adapter(createAdapter(pubClient, subClient));
  io.adapter(createAdapter(pubClient, subClient));
  // #endregion

  // This node's part of who is online (presence.ts): written on each change, on a heartbeat, and listed at /nodes.
  const { savePresence, stop: stopPresence } = trackPresence(io, store, app, () => announceOnline());

  // Identity comes from the handshake, once, like a login: next(error) refuses the socket with a connect_error.
  io.use((socket, next) => {
    const username: unknown = socket.handshake.auth.username;
    if (typeof username !== 'string' || !USERNAME.test(username)) return next(new Error(USERNAME_ERROR));
    socket.data.username = username;
    next();
  });

  /** Online = distinct usernames with a socket in the room, on every live node: Redis adds them up. */
  async function countOnline(roomId: number): Promise<number> {
    // #region practice 10.1: count the room's users from the presence every node keeps in Redis, not by asking the nodes
    // 任务: 从每个节点存在 Redis 里的在线状态数出房间里的用户，而不是去问各个节点
    // hint: Lab 09's fetchSockets() waits for every node, a hung one too. Here each node writes its part to Redis; store.online() adds them up into a Map of room id to count.
    // 提示: 实验 09 的 fetchSockets() 要等每个节点，连卡住的那个也要等。这里每个节点把自己那部分写进 Redis；store.online() 把它们加起来，得到一个房间 id 到人数的 Map。
    // hint: return (await store.online()).get(roomId) ?? 0;
    // 提示: 答案：return (await store.online()).get(roomId) ?? 0;
    // stub: return 0;
    return (await store.online()).get(roomId) ?? 0;
    // #endregion
  }
  // One read of every node's presence for the whole list, not one per room.
  const allRooms = async (): Promise<Room[]> => {
    const [rooms, online] = await Promise.all([store.listRooms(), store.online()]);
    return rooms.map((room) => ({ ...room, online: online.get(room.id) ?? 0 }));
  };
  // Any await on Redis can fail: the asker hears why, and the node recovers by itself when Redis is back.
  const safely = <Args extends unknown[]>(handler: (...args: Args) => unknown) =>
    guarded(handler, () => (store.isUp() ? COULD_NOT_SAVE : STORE_DOWN));

  // biome-ignore format: one socket.on(event, safely(handler)) block per event, as socket.io's chat example reads
  io.on('connection', (socket) => {
    // One bucket per socket: a flood spends its own tokens, and 200 refusals in a second cut the socket off.
    const mayPost = tokenBucket({ onFlood: () => socket.disconnect(true) });
    const isMember = (roomId: number) => socket.rooms.has(roomName(roomId));

    // Lab 07's packet middleware (shared/src/packet-guard.ts): every event is checked against its schema before its handler runs.
    socket.use(checkPackets(payloads, refusal));

    socket.on('room:create', safely(async ({ name }, reply) => {
      const created = await store.createRoom(name, socket.data.username);
      if (!created) return reply(fail(`A room named "${name}" already exists.`));
      reply({ ok: true, room: { ...created, online: await countOnline(created.id) } });
      io.emit('rooms:changed', await allRooms());
    }));

    socket.on('room:list', safely(async (reply) => reply({ ok: true, rooms: await allRooms() })));

    socket.on('room:join', safely(async ({ roomId }, reply) => {
      // Join first, read Redis second: a close on another node then takes this socket out with the others (see the notes).
      const wasMember = isMember(roomId);
      await socket.join(roomName(roomId));
      try {
        const room = await store.findRoom(roomId);
        if (!room) {
          await socket.leave(roomName(roomId));
          return reply(fail(`There is no room ${roomId}.`));
        }
        // The history is read after the join too: a message sent meanwhile may come twice, never not at all.
        const history = await store.history(roomId);
        await savePresence();
        const online = await countOnline(roomId);
        reply({ ok: true, room: { ...room, online }, history, online });
        io.to(roomName(roomId)).emit('room:presence', { roomId, online });
      } catch (error) {
        if (!wasMember) await socket.leave(roomName(roomId)); // a failed join leaves things as they were
        throw error;
      }
    }));

    socket.on('room:leave', safely(async ({ roomId }, reply) => {
      if (!isMember(roomId)) return reply(fail(`You are not in room ${roomId}.`));
      await socket.leave(roomName(roomId));
      reply({ ok: true }); // we did leave, even if Redis is away: the heartbeat writes presence again later
      await savePresence();
      io.to(roomName(roomId)).emit('room:presence', { roomId, online: await countOnline(roomId) });
    }));

    socket.on('message:send', safely(async ({ roomId, text }, reply) => {
      if (!mayPost()) return reply(fail(RATE_ERROR));
      if (!isMember(roomId)) return reply(fail(`Join room ${roomId} before sending to it.`));
      // Stored first; addMessage appends only while the room's stream exists (a close on another node may be on its way).
      const message = await store.addMessage(roomId, socket.data.username, text);
      if (!message) return reply(fail(`There is no room ${roomId}.`));
      reply({ ok: true, message });
      io.to(roomName(roomId)).emit('message:new', message);
    }));

    socket.on('room:close', safely(async ({ roomId }, reply) => {
      const room = await store.findRoom(roomId);
      if (!room) return reply(fail(`There is no room ${roomId}.`));
      if (room.owner !== socket.data.username) return reply(fail(`Only ${room.owner}, who created "${room.name}", may close it.`));
      await store.deleteRoom(room);
      reply({ ok: true });
      // Tell the members first, while they are still in the room, then empty it on every node.
      io.to(roomName(room.id)).emit('room:closed', { roomId: room.id });
      io.in(roomName(room.id)).socketsLeave(roomName(room.id));
      io.emit('rooms:changed', await allRooms());
    }));

    // 'disconnecting' still sees socket.rooms; a node that stops drops its whole presence at once instead.
    socket.on('disconnecting', safely(async (reason: string) => {
      const names = [...socket.rooms].filter((name) => name.startsWith('room:'));
      if (names.length === 0 || reason === 'server shutting down') return;
      await savePresence(socket.id);
      const online = await store.online();
      for (const name of names) {
        const roomId = Number(name.slice('room:'.length));
        io.to(name).except(socket.id).emit('room:presence', { roomId, online: online.get(roomId) ?? 0 });
      }
    }));
  });

  /** A dead node's users just left every count: tell the lobbies, and every room with someone in it. */
  async function announceOnline() {
    const rooms = await allRooms();
    io.emit('rooms:changed', rooms);
    for (const { id, online } of rooms) if (online > 0) io.to(roomName(id)).emit('room:presence', { roomId: id, online });
  }

  /** Redis lost its data (see the notes): each node tells its own sockets (io.local) their rooms are gone, and empties them. */
  function leaveEveryRoom() {
    for (const name of [...io.of('/').adapter.rooms.keys()].filter((name) => name.startsWith('room:'))) {
      // #region practice 10.4: tell this node's own members that their room is gone, and empty it, on this node only
      // 任务: 告诉这个节点自己的成员他们的房间没了，并清空房间，只在这个节点上
      // hint: Every node sees the loss and runs this: io.to(name) would also reach the other nodes' sockets through the adapter, once per node. io.local keeps an emit (and a socketsLeave) on this node.
      // 提示: 每个节点都会发现数据丢了并运行这里：io.to(name) 会经过适配器也送到别的节点的 socket，每个节点一次。io.local 让 emit（和 socketsLeave）只在这个节点上。
      // hint: io.local.to(name).emit('room:closed', { roomId: Number(name.slice('room:'.length)) }); io.local.in(name).socketsLeave(name);
      // 提示: 答案：io.local.to(name).emit('room:closed', { roomId: Number(name.slice('room:'.length)) }); io.local.in(name).socketsLeave(name);
      io.local.to(name).emit('room:closed', { roomId: Number(name.slice('room:'.length)) });
      io.local.in(name).socketsLeave(name);
      // #endregion
    }
    void savePresence().catch(() => {});
  }

  // On stop this node leaves the presence at once; close() may wait forever while Redis is away, so destroy() after 1 s.
  return async () => {
    await stopPresence();
    const closed = Promise.all([store.close(), pubClient.close(), subClient.close()])
      .catch(() => {})
      .then(() => true);
    const inTime = await Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(resolve, 1000, false).unref())]);
    if (!inTime) for (const client of [store, pubClient, subClient]) client.destroy();
  };
}
