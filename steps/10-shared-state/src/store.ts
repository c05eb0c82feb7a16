// What used to live in one process (lab 07's SQLite file, socket.io's memory) now lives in Redis,
// where every node reads and writes the same keys: the rooms, each room's messages, and (presence.ts) who is online.
import { connectWithin, RedisUnreachable } from '@labs/shared/redis-server';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { HISTORY_LIMIT, type Message, type Room } from './events.ts';
import { PRESENCE_KEY, presenceIn } from './presence.ts';

/** A room as stored: everything but `online`, which comes from the nodes' presence. */
export type StoredRoom = Omit<Room, 'online'>;

/** A stream keeps the newest entries; older ones are trimmed as new ones come in. */
export const STREAM_MAX = 1000;
/** The first connection to Redis gets this long; after that, a lost connection is retried forever. */
export const CONNECT_TIMEOUT_MS = 5000;

export const KEY = {
  nextRoomId: 'lab10:next-room-id',
  nextMessageId: 'lab10:next-message-id',
  rooms: 'lab10:rooms',
  roomNames: 'lab10:room-names',
  messages: (roomId: number) => `lab10:room:${roomId}:messages`,
  ...PRESENCE_KEY,
  epoch: 'lab10:epoch',
};

/** When Redis is away, node-redis retries with this backoff: 50 ms, 100 ms, … at most 500 ms. */
const reconnectStrategy = (retries: number) => Math.min(50 * (retries + 1), 500);

/** The first connection failed: Redis is not there, or REDIS_URL points at the wrong place. */
export { RedisUnreachable };

/**
 * What makes two room names "the same", as in lab 07: NFC first ("é" typed as one character or as
 * "e" plus an accent is one name), then lower case.
 */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * A new room, all or nothing, as one Lua script: Redis runs a script as a single step, so no
 * other node's command lands in the middle, and no half-made room is left behind.
 * HSETNX claims the name only if nobody has (two nodes racing for "Lobby" cannot both win);
 * then the room, and its message stream, created empty (add one entry, trim to 0).
 */
const CREATE_ROOM = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('XADD', KEYS[3], 'MAXLEN', '0', '*', 'created', ARGV[2])
return 1`;

export interface StoreOptions {
  /**
   * Redis lost its data since this store last looked: it restarted without persistence, or was
   * flushed. Called when the store notices, on reconnecting or with the next presence write.
   */
  onDataLost?: () => void;
}

export async function openStore(url: string, { onDataLost }: StoreOptions = {}) {
  // No offline queue: while Redis is away a command fails at once, so an ack never waits for its return.
  const redis = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy } });
  // The epoch: a random value that the first node sets (SET NX) and every node remembers. Redis
  // that lost its data has lost it too: the next node to look sets a new one, and each node sees
  // that it changed. Without it, counters starting again at 1 would mix old rooms and new ones.
  let epoch: string | null = null;
  async function checkEpoch() {
    const [, now] = await redis.multi().set(KEY.epoch, randomUUID(), { NX: true }).get(KEY.epoch).execTyped();
    const lost = epoch !== null && now !== epoch;
    epoch = now;
    if (lost) onDataLost?.();
  }

  // Without an 'error' listener, a lost connection would crash the process. node-redis reconnects
  // by itself; we only say so once per outage instead of once per retry.
  let healthy = false;
  redis.on('error', (error: Error) => {
    if (healthy) console.error(`Redis is unreachable (${error.message}); requests fail until it is back.`);
    healthy = false;
  });
  redis.on('ready', () => {
    // The first connection: nothing to check yet.
    if (epoch === null) {
      healthy = true;
      return;
    }
    console.error('Redis is back.');
    healthy = true;
    // Did it come back empty? Ask before anything else can (commands run in the order sent).
    void checkEpoch().catch(() => {});
  });
  await connectWithin(redis, url, CONNECT_TIMEOUT_MS);
  await checkEpoch();

  return {
    /** Is Redis there right now? When not, a failed request is Redis's fault, and says so. */
    isUp: () => redis.isReady,

    /** The new room, or undefined when the name is taken (ignoring case). */
    async createRoom(name: string, owner: string): Promise<StoredRoom | undefined> {
      // INCR is atomic: no two nodes ever get the same id.
      const id = await redis.incr(KEY.nextRoomId);
      const room: StoredRoom = { id, name, owner, createdAt: new Date().toISOString() };
      const created = await redis.eval(CREATE_ROOM, {
        keys: [KEY.roomNames, KEY.rooms, KEY.messages(id)],
        arguments: [nameKey(name), String(id), JSON.stringify(room)],
      });
      return created === 1 ? room : undefined;
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

    /** The stored message, or undefined when the room is gone (closed a moment ago, on any node). */
    async addMessage(roomId: number, author: string, text: string): Promise<Message | undefined> {
      const message: Message = {
        id: await redis.incr(KEY.nextMessageId),
        roomId,
        author,
        text,
        createdAt: new Date().toISOString(),
      };
      const added = await redis.xAddNoMkStream(
        KEY.messages(roomId),
        '*',
        { json: JSON.stringify(message) },
        {
          TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: STREAM_MAX },
        },
      );
      // One command checks and appends: a close on another node deletes the stream, and a plain
      // XADD would create it again, for a room that no longer exists. NOMKSTREAM answers null.
      return added === null ? undefined : message;
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
        .hDel(KEY.roomNames, nameKey(room.name))
        .del(KEY.messages(room.id))
        .exec();
    },

    // Who is online, on this same connection (presence.ts); every presence write also checks the epoch.
    ...presenceIn(redis, checkEpoch),

    /**
     * The adapter's two connections (a subscribed connection can do nothing but listen), with
     * this store's server and options. They reconnect, and resubscribe, by themselves.
     */
    async adapterClients() {
      const pub = redis.duplicate();
      const sub = redis.duplicate();
      // The store reports outages; these two stay quiet (an 'error' with no listener would crash us).
      for (const client of [pub, sub]) client.on('error', () => {});
      // The adapter publishes without waiting for Redis's answer. A publish that an outage catches
      // in flight would reject with nobody listening, and an unhandled rejection ends a Node process.
      const publish = pub.publish.bind(pub);
      Object.assign(pub, { publish: (...args: Parameters<typeof publish>) => publish(...args).catch(() => 0) });
      await Promise.all([pub.connect(), sub.connect()]);
      return [pub, sub] as const;
    },

    close: () => redis.close(),
    /** Closes at once, dropping whatever is queued: for a shutdown while Redis is away. */
    destroy: () => redis.destroy(),
  };
}
