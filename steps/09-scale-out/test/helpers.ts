// Lab 09's checkpoints run real nodes: `tsx src/main.ts` in processes of their own, on free ports,
// sharing one SQLite file in a temp folder and a private redis-server this test file starts.
import { startLabProcess, type LabProcess } from '@labs/shared';
import { startRedisServer, type PrivateRedis } from '@labs/shared/redis-server';
import { ask, askOk, connect, useTempDir, waitFor } from '@labs/shared/testing';
import { createServer, request } from 'node:http';
import { connect as connectTcp, type Socket as TcpSocket } from 'node:net';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ClientToServerEvents, Message, Room, ServerToClientEvents } from '../src/events.ts';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;
export const labDir = new URL('..', import.meta.url);

/** A private redis-server for this file. Without redis-server installed, every checkpoint fails saying how to get it. */
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

/** Two nodes in processes of their own, as `npm run lab -- 09 --nodes 2` runs them: one Redis, one database file. */
export function useNodes(redis: PrivateRedis) {
  const tmp = useTempDir('lab09-');
  const nodes = [{}, {}] as [LabProcess, LabProcess];
  beforeAll(async () => {
    if (!redis.url) return; // no Redis: useRedis fails each checkpoint with the reason
    const env = { REDIS_URL: redis.url, DB_FILE: join(tmp.path, 'room-chat.db') };
    // Two node processes start side by side: on a loaded machine tsx alone may take 20 s to load them.
    const started = await Promise.all(nodes.map(() => startLabProcess({ labDir, env, timeoutMs: 60_000 })));
    for (const [i, node] of started.entries()) Object.assign(nodes[i]!, node);
  }, 90_000);
  // Registered after useRedis's afterAll, so it runs before it: the nodes stop, then Redis.
  afterAll(() => Promise.all(nodes.map((node) => node.stop?.())));
  return { nodes, tmp };
}

/** A chat client on `node` (or a proxy), logged in through the handshake, websocket only. */
export const client = (node: { url: string }, username: string) =>
  connect<ServerToClientEvents, ClientToServerEvents>(node.url, { auth: { username } }) as Promise<ChatClient>;

let count = 0;
/** A room name no other checkpoint of this run uses. */
export const uniqueName = (label: string) => `${label} ${process.pid}-${++count}`;

/**
 * A barrier for `receiver`: `sender` creates a room (call `.send()`), and its node announces it to
 * everyone with rooms:changed, after everything it has sent before. Redis keeps one publisher's order,
 * so once `receiver` has the announcement, what `sender`'s node sent it earlier has come or is not coming.
 */
export function announcedLater(sender: ChatClient, receiver: ChatClient) {
  const name = uniqueName('Barrier');
  const heard = waitFor<Room[]>(receiver, 'rooms:changed', {
    where: (rooms) => rooms.some((room) => room.name === name),
    what: 'the announcement of a room created after it',
  });
  return Object.assign(heard, { send: () => askOk(sender, 'room:create', { name }) });
}

/**
 * A load balancer without sticky sessions, in a few lines: each HTTP request and each websocket
 * upgrade goes to the next port in turn. nginx without ip_hash does the same.
 */
export async function roundRobinProxy(ports: number[]) {
  let turn = 0;
  const nextPort = () => ports[turn++ % ports.length]!;
  const tunnels = new Set<TcpSocket>();
  const server = createServer((req, res) => {
    const upstream = request({ port: nextPort(), path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // A websocket starts as an HTTP request with "Upgrade: websocket"; after it, bytes flow both ways.
  server.on('upgrade', (req, socket: TcpSocket, head) => {
    const upstream = connectTcp(nextPort(), 'localhost', () => {
      const headers = req.rawHeaders.map((value, i) => (i % 2 ? `${value}\r\n` : `${value}: `)).join('');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    for (const end of [socket, upstream]) {
      tunnels.add(end);
      end.on('error', () => (end === socket ? upstream : socket).destroy());
      end.on('close', () => tunnels.delete(end));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}/`,
    close: () => {
      for (const tunnel of tunnels) tunnel.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Asks room:list until the node answers `expected` (Redis going or coming back is seen on its connection's schedule). */
export async function answersUntil(
  socket: ChatClient,
  expected: { ok: boolean; error?: string },
  what: string,
  withinMs = 10_000,
) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await ask(socket, 'room:list');
    if (answer.ok === expected.ok && (expected.ok || answer.error === expected.error)) return;
    if (Date.now() > deadline)
      throw new Error(`expected ${what} within ${withinMs} ms, but room:list answered ${JSON.stringify(answer)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** After Redis is back: sends into `roomId` until `receiver`, on the other node, hears one: the adapter has resubscribed. */
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
    await askOk(sender, 'message:send', { roomId, text: 'are you there?' });
    if (await heard) return;
    if (Date.now() > deadline)
      throw new Error(
        `expected socket ${receiver.id} to hear room ${roomId} within ${withinMs} ms of Redis coming back, but it heard nothing`,
      );
  }
}
