// Lab 10's checkpoints run real nodes: each one is `tsx src/main.ts` in its own process,
// on a free port, sharing a private redis-server that this test file starts and stops.
import { startLab, startLabProcess, type LabProcess, type RunningLab } from '@labs/shared';
import { startRedisServer, type PrivateRedis } from '@labs/shared/redis-server';
import { connect, EXPECT_WITHIN_MS } from '@labs/shared/testing';
import { fileURLToPath } from 'node:url';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ClientToServerEvents, Room, ServerToClientEvents } from '../src/events.ts';
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
  const node = await startLabProcess({ labDir, env: { REDIS_URL: redisUrl } });
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
  }, 40_000);
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

/** Creates a room as `owner` and returns it, failing loudly if the server refuses. */
export async function createRoom(owner: ChatClient, name = uniqueName()) {
  const answer = await owner.emitWithAck('room:create', { name });
  if (!answer.ok) throw new Error(`room:create was refused: ${answer.error}`);
  return answer.room;
}

/** Joins a room and returns the ack, failing loudly if refused. */
export async function join(socket: ChatClient, roomId: number) {
  const answer = await socket.emitWithAck('room:join', { roomId });
  if (!answer.ok) throw new Error(`room:join was refused: ${answer.error}`);
  return answer;
}

/** The room as `socket`'s node lists it. */
export async function listed(socket: ChatClient, roomId: number) {
  const answer = await socket.emitWithAck('room:list');
  if (!answer.ok) throw new Error(`room:list was refused: ${answer.error}`);
  return answer.rooms.find((room) => room.id === roomId);
}

/** The next `event` on `socket` whose first argument passes `check` (earlier ones are let by). */
export function waitForMatch<Event extends keyof ServerToClientEvents>(
  socket: ChatClient,
  event: Event,
  check: (value: Parameters<ServerToClientEvents[Event]>[0]) => boolean,
  timeoutMs = EXPECT_WITHIN_MS,
): Promise<Parameters<ServerToClientEvents[Event]>[0]> {
  const on = socket as unknown as { on(e: string, l: (v: any) => void): void; off(e: string, l: (v: any) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      on.off(event, listener);
      reject(new Error(`socket ${socket.id} did not receive the expected "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (value: Parameters<ServerToClientEvents[Event]>[0]) => {
      if (!check(value)) return;
      clearTimeout(timer);
      on.off(event, listener);
      resolve(value);
    };
    on.on(event, listener);
  });
}

/**
 * The next rooms:changed on `socket` whose list passes `check`. Each create and close sends one,
 * after its ack, so an earlier one may still be on its way when a checkpoint starts listening.
 */
export const roomsChanged = (socket: ChatClient, check: (rooms: Room[]) => boolean, timeoutMs = EXPECT_WITHIN_MS) =>
  waitForMatch(socket, 'rooms:changed', check, timeoutMs);

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
 */
export async function answersAgain(socket: ChatClient, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  while (!(await socket.emitWithAck('room:list')).ok) {
    if (Date.now() > deadline)
      throw new Error(`the node of socket ${socket.id} did not answer within ${withinMs} ms of Redis coming back`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * After Redis comes back: sends into `roomId` until `receiver` (on another node) hears one, which
 * proves the adapter's connections have resubscribed. They reconnect on their own schedule.
 */
export async function relayedAgain(sender: ChatClient, receiver: ChatClient, roomId: number, withinMs = 10_000) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const heard = waitForMatch(receiver, 'message:new', (message) => message.roomId === roomId, 300).then(
      () => true,
      () => false,
    );
    await sender.emitWithAck('message:send', { roomId, text: 'are you there?' });
    if (await heard) return;
    if (Date.now() > deadline)
      throw new Error(`socket ${receiver.id} heard nothing from room ${roomId} within ${withinMs} ms of Redis coming back`);
  }
}
