// The source of truth for rooms, messages and presence, now shared by every node: one Redis.
// Lab 07 kept rooms and messages in a SQLite file that one process owned. Here any node may
// create a room or store a message, and every other node must see it at once, so the data
// lives in Redis, which every node reaches over the network.
//
// The keys (all under "lab09:"):
//   lab09:next-room-id, lab09:next-message-id   INCR counters: ids unique across every node
//   lab09:rooms                                  hash  room id → the room as JSON
//   lab09:room-names                             hash  lower-cased name → room id (unique names)
//   lab09:room:<id>:messages                     stream, capped: the room's latest messages
//   lab09:nodes                                  set   of node ids that may be alive
//   lab09:node:<id>                              hash  one node's presence, with a TTL (heartbeat)
import { createClient } from 'redis';
import { HISTORY_LIMIT, type Message, type Room } from './events.ts';

/** A room as stored: everything but `online`, which comes from the nodes' presence. */
export type StoredRoom = Omit<Room, 'online'>;

/** What one node reports: its port (for the page's links) and who is in each room on it. */
export interface NodePresence {
  port: number;
  /** room id → the distinct usernames with a socket in that room on this node */
  rooms: Map<number, string[]>;
}

/** A stream keeps the newest entries; older ones are trimmed as new ones come in. */
export const STREAM_MAX = 1000;
/** A node rewrites its presence every HEARTBEAT_MS; Redis drops it PRESENCE_TTL_MS after the last one. */
export const HEARTBEAT_MS = 3000;
export const PRESENCE_TTL_MS = 10_000;

const KEY = {
  nextRoomId: 'lab09:next-room-id',
  nextMessageId: 'lab09:next-message-id',
  rooms: 'lab09:rooms',
  roomNames: 'lab09:room-names',
  messages: (roomId: number) => `lab09:room:${roomId}:messages`,
  nodes: 'lab09:nodes',
  node: (nodeId: string) => `lab09:node:${nodeId}`,
};

/** When Redis is away, node-redis retries with this backoff: 50 ms, 100 ms, … at most 500 ms. */
export const reconnectStrategy = (retries: number) => Math.min(50 * (retries + 1), 500);

export async function openStore(url: string) {
  // #region practice 09.4: make commands fail at once while Redis is away, instead of waiting in a queue
  // hint: By default node-redis keeps commands in an "offline queue" until it reconnects, so an ack could wait forever. Which createClient option turns that queue off?
  // hint: createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } })
  // stub: const redis = createClient({ url, socket: { reconnectStrategy } });
  const redis = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } });
  // #endregion
  // Without an 'error' listener, a lost connection would crash the process. node-redis reconnects
  // by itself; we only say so once per outage instead of once per retry.
  let healthy = true;
  redis.on('error', (error: Error) => {
    if (healthy) console.error(`Redis is unreachable (${error.message}); requests fail until it is back.`);
    healthy = false;
  });
  redis.on('ready', () => {
    if (!healthy) console.error('Redis is back.');
    healthy = true;
  });
  await redis.connect();

  return {
    /** The new room, or undefined when the name is taken (ignoring case). */
    async createRoom(name: string, owner: string): Promise<StoredRoom | undefined> {
      const id = await redis.incr(KEY.nextRoomId);
      // HSETNX claims the name only if nobody has: two nodes racing for "Lobby" cannot both win.
      if (!(await redis.hSetNX(KEY.roomNames, name.toLowerCase(), String(id)))) return undefined;
      const room: StoredRoom = { id, name, owner, createdAt: new Date().toISOString() };
      await redis.hSet(KEY.rooms, String(id), JSON.stringify(room));
      return room;
    },

    /** Every room, oldest first (ids come from one counter, so id order is creation order). */
    async listRooms(): Promise<StoredRoom[]> {
      const rooms = Object.values(await redis.hGetAll(KEY.rooms)).map((json) => JSON.parse(json) as StoredRoom);
      return rooms.sort((a, b) => a.id - b.id);
    },

    async findRoom(id: number): Promise<StoredRoom | undefined> {
      const json = await redis.hGet(KEY.rooms, String(id));
      return json ? (JSON.parse(json) as StoredRoom) : undefined;
    },

    async addMessage(roomId: number, author: string, text: string): Promise<Message> {
      const message: Message = { id: await redis.incr(KEY.nextMessageId), roomId, author, text, createdAt: new Date().toISOString() };
      // #region practice 09.2: append the message to the room's stream, capped to its newest STREAM_MAX entries
      // hint: A Redis Stream is an append-only log: XADD appends one entry ("*" lets Redis pick the entry id). Its TRIM option keeps it from growing forever.
      // hint: await redis.xAdd(KEY.messages(roomId), '*', { json: JSON.stringify(message) }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: STREAM_MAX } });
      await redis.xAdd(KEY.messages(roomId), '*', { json: JSON.stringify(message) }, {
        TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: STREAM_MAX },
      });
      // #endregion
      return message;
    },

    /** The last `limit` messages of a room, oldest first. */
    async history(roomId: number, limit = HISTORY_LIMIT): Promise<Message[]> {
      const newestFirst = await redis.xRevRange(KEY.messages(roomId), '+', '-', { COUNT: limit });
      return newestFirst.reverse().map((entry) => JSON.parse(entry.message.json!) as Message);
    },

    /** The room, its name and its messages go together (MULTI runs them as one). */
    async deleteRoom(room: StoredRoom) {
      await redis
        .multi()
        .hDel(KEY.rooms, String(room.id))
        .hDel(KEY.roomNames, room.name.toLowerCase())
        .del(KEY.messages(room.id))
        .exec();
    },

    /**
     * Writes this node's presence as a whole, and gives it a TTL: if the node dies, nobody
     * cleans up after it, Redis simply forgets it PRESENCE_TTL_MS later. A counter that a
     * crash leaves wrong forever is what this replaces.
     */
    async savePresence(nodeId: string, presence: NodePresence) {
      const fields: Record<string, string> = { port: String(presence.port) };
      for (const [roomId, usernames] of presence.rooms) fields[`room:${roomId}`] = JSON.stringify(usernames);
      // #region practice 09.3: replace this node's presence hash, give it a TTL, and list the node in lab09:nodes
      // hint: One MULTI: delete the node's hash, write the fields, set PRESENCE_TTL_MS to expire it (PEXPIRE), and add the node id to the set of nodes.
      // hint: await redis.multi().del(KEY.node(nodeId)).hSet(KEY.node(nodeId), fields).pExpire(KEY.node(nodeId), PRESENCE_TTL_MS).sAdd(KEY.nodes, nodeId).exec();
      await redis
        .multi()
        .del(KEY.node(nodeId))
        .hSet(KEY.node(nodeId), fields)
        .pExpire(KEY.node(nodeId), PRESENCE_TTL_MS)
        .sAdd(KEY.nodes, nodeId)
        .exec();
      // #endregion
    },

    /** Every live node's presence. A node whose hash has expired is dead: forget it. */
    async livePresence(): Promise<Map<string, NodePresence>> {
      const nodeIds = await redis.sMembers(KEY.nodes);
      const hashes = await Promise.all(nodeIds.map((nodeId) => redis.hGetAll(KEY.node(nodeId))));
      const live = new Map<string, NodePresence>();
      const dead: string[] = [];
      nodeIds.forEach((nodeId, i) => {
        const { port, ...fields } = hashes[i]!;
        if (port === undefined) return void dead.push(nodeId);
        const rooms = new Map<number, string[]>();
        for (const [field, json] of Object.entries(fields)) rooms.set(Number(field.slice('room:'.length)), JSON.parse(json));
        live.set(nodeId, { port: Number(port), rooms });
      });
      if (dead.length > 0) await redis.sRem(KEY.nodes, dead);
      return live;
    },

    /** room id → distinct usernames online across every live node. Two tabs of one user count once. */
    async online(): Promise<Map<number, number>> {
      const usernames = new Map<number, Set<string>>();
      for (const node of (await this.livePresence()).values()) {
        for (const [roomId, names] of node.rooms) {
          const set = usernames.get(roomId) ?? new Set<string>();
          for (const name of names) set.add(name);
          usernames.set(roomId, set);
        }
      }
      return new Map([...usernames].map(([roomId, set]) => [roomId, set.size]));
    },

    /** The node is leaving on purpose: drop its presence now rather than in PRESENCE_TTL_MS. */
    async forgetNode(nodeId: string) {
      await redis.multi().del(KEY.node(nodeId)).sRem(KEY.nodes, nodeId).exec();
    },

    /** A connection for the adapter to copy: same server, same options. */
    duplicate: () => redis.duplicate(),
    close: () => redis.close(),
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
