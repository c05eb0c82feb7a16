// Lab 10's checkpoints run real nodes: each one is `tsx src/main.ts` in its own process,
// on a free port, sharing a private redis-server that this test file starts and stops.
import { startLab, startLabProcess, type LabProcess, type RunningLab } from '@labs/shared';
import { startRedisServer, type PrivateRedis } from '@labs/shared/redis-server';
import { ask, askOk, connect, EXPECT_WITHIN_MS, waitFor } from '@labs/shared/testing';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ClientToServerEvents, Message, Room, ServerToClientEvents } from '../src/events.ts';
import { attach } from '../src/server.ts';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

const labDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * A private redis-server for this test file. Without redis-server installed, every checkpoint
 * here fails with the message that says how to install it: failed, never skipped.
 */
export function useRedis() {
  const handle = {} as PrivateRedis;
  let missing: unknown;
  beforeAll(async () => {
    try {
      Object.assign(handle, await startRedisServer());
    } catch (error) {
      missing = error;
    }
  });
  beforeEach(() => {
    if (missing) throw missing;
  });
  afterAll(() => handle.stop?.());
  return handle;
}

/** A node: `tsx src/main.ts` in its own process, on a free port, with REDIS_URL. */
export type NodeProcess = LabProcess;

const running = new Set<NodeProcess>();

export async function startNode(redisUrl: string): Promise<NodeProcess> {
  // As in lab 09: on a loaded machine tsx alone may take 20 s to load a node (no barrier for a start-up).
  const node = await startLabProcess({ labDir, env: { REDIS_URL: redisUrl }, timeoutMs: 60_000 });
  running.add(node);
  return node;
}

/** `count` nodes, started side by side before the file's tests and stopped after them. */
export function useNodes(redis: PrivateRedis, count: number) {
  const nodes = Array.from({ length: count }, () => ({}) as NodeProcess);
  beforeAll(async () => {
    if (!redis.url) return; // no Redis: useRedis fails each checkpoint with the reason
    const started = await Promise.all(nodes.map(() => startNode(redis.url)));
    started.forEach((node, i) => {
      Object.assign(nodes[i]!, node);
    });
  }, 90_000);
  // Registered after useRedis's afterAll, so it runs before it: nodes stop, then Redis.
  afterAll(() => Promise.all([...running].map((node) => node.stop().then(() => running.delete(node)))));
  return nodes as [NodeProcess, NodeProcess, ...NodeProcess[]];
}

type LabNode = RunningLab<ClientToServerEvents, ServerToClientEvents>;

/**
 * `count` nodes in this test process: each its own http server, socket.io server, adapter and
 * Redis connections, so they talk only through Redis. The page checkpoints use these; the
 * node checkpoints (server.test.ts) use separate processes.
 */
export function useLabNodes(redis: PrivateRedis, count: number) {
  const nodes = Array.from({ length: count }, () => ({}) as LabNode);
  beforeAll(async () => {
    if (!redis.url) return; // no Redis: useRedis fails each checkpoint with the reason
    for (const node of nodes) {
      Object.assign(node, await startLab({ labDir, port: 0, attach: (io, app) => attach(io, { redisUrl: redis.url }, app) }));
    }
  });
  afterAll(() => Promise.all(nodes.map((node) => node.close?.())));
  return nodes as [LabNode, LabNode, ...LabNode[]];
}

/** A chat client on `node`, logged in as `username` through the handshake. */
export const client = (node: { url: string }, username: string) =>
  connect<ServerToClientEvents, ClientToServerEvents>(node.url, { auth: { username } }) as Promise<ChatClient>;

let roomCount = 0;
/** A room name no other checkpoint of this run uses. */
export const uniqueName = (what = 'room') => `${what}-${process.pid}-${++roomCount}`;

/**
 * A barrier for `receiver`: `sender` creates a room (call `.send()`), and its node announces it to
 * everyone with rooms:changed, after everything it has sent before. Redis keeps one publisher's order,
 * so once `receiver` has the announcement, what `sender`'s node sent it earlier has come or is not coming.
 */
export function announcedLater(sender: ChatClient, receiver: ChatClient) {
  const name = uniqueName('barrier');
  const heard = waitFor<Room[]>(receiver, 'rooms:changed', {
    where: (rooms) => rooms.some((room) => room.name === name),
    what: 'the announcement of a room created after it',
  });
  return Object.assign(heard, { send: () => askOk(sender, 'room:create', { name }) });
}

/**
 * The next rooms:changed on `socket` whose list passes `check`. Each create and close sends one,
 * after its ack and after reading Redis, so nothing on its road is sure to follow it: the timeout decides.
 */
export const roomsChanged = (socket: ChatClient, check: (rooms: Room[]) => boolean, timeoutMs = EXPECT_WITHIN_MS) =>
  waitFor<Room[]>(socket, 'rooms:changed', { where: check, timeoutMs });

/**
 * Resolves once `socket` has heard a room list with the room named `name`, then one without it:
 * its creation, then its close. Call it before creating the room. Both come from the same node, so
 * they arrive in that order, and no list from before the room existed can pass for the second.
 */
export async function createdThenClosed(socket: ChatClient, name: string) {
  await roomsChanged(socket, (rooms) => rooms.some((room) => room.name === name));
  await roomsChanged(socket, (rooms) => !rooms.some((room) => room.name === name));
}

/**
 * After Redis comes back: waits until `socket`'s node answers again. Each node checks what Redis
 * lost as soon as it reconnects, before any request, so after this that check is done too.
 * (No barrier: how soon node-redis reconnects is up to its own timer.)
 */
export async function answersAgain(socket: ChatClient, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  while (!(await ask(socket, 'room:list')).ok) {
    if (Date.now() > deadline)
      throw new Error(`the node of socket ${socket.id} did not answer within ${withinMs} ms of Redis coming back`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * After Redis comes back: sends into `roomId` until `receiver` (on another node) hears one, which
 * proves the adapter's connections have resubscribed. They reconnect on their own schedule: no barrier, a short wait each.
 */
export async function relayedAgain(sender: ChatClient, receiver: ChatClient, roomId: number, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const heard = waitFor(receiver, 'message:new', {
      where: (message: Message) => message.roomId === roomId,
      timeoutMs: 300,
    }).then(
      () => true,
      () => false,
    );
    await ask(sender, 'message:send', { roomId, text: 'are you there?' });
    if (await heard) return;
    if (Date.now() > deadline)
      throw new Error(`socket ${receiver.id} heard nothing from room ${roomId} within ${withinMs} ms of Redis coming back`);
  }
}
