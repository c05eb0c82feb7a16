// npm run bench -- 08: 10,000 messages wait in SQLite for an offline user. How long from that
// user's connect until every one has arrived as dm:new, been acked, and is marked delivered?
import { startLab } from '@labs/shared';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';
import { attach, type LabServer } from '../src/server.ts';
import { openStore } from '../src/store.ts';

const COUNT = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'lab08-bench-'));
const dbFile = join(dir, 'bench.db');

// The backlog, written straight into the lab's own schema while nobody is connected.
const store = openStore(dbFile);
const alice = store.createUser('alice')!;
const bob = store.createUser('bob')!;
const sessionId = 'bench-session-for-bob';
store.saveSession(sessionId, bob.userId);
for (let i = 1; i <= COUNT; i++) store.saveMessage(alice.userId, bob.userId, `offline message ${i}`);
store.close();

const lab = await startLab({
  labDir: new URL('..', import.meta.url),
  port: 0,
  attach: (io: LabServer) => attach(io, { dbFile }),
});
const reader = new Database(dbFile, { readonly: true });
const undelivered = reader.prepare('SELECT count(*) FROM messages WHERE delivered_at IS NULL').pluck();

let exitCode = 0;
try {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(lab.url, {
    forceNew: true,
    reconnection: false,
    transports: ['websocket'],
    autoConnect: false,
    auth: { sessionId },
  });
  const ids: number[] = [];
  const allAcked = new Promise<number>((resolve) => {
    socket.on('dm:new', (message, ack) => {
      ack();
      ids.push(message.id);
      if (ids.length === COUNT) resolve(performance.now());
    });
  });

  const started = performance.now();
  socket.connect();
  const acked = await allAcked;
  // The last acks are still on their way to the server: wait until SQLite says all are delivered.
  const deadline = Date.now() + 60_000;
  while (undelivered.get() !== 0) {
    if (Date.now() > deadline) throw new Error(`${undelivered.get()} messages still undelivered after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const delivered = performance.now();
  socket.disconnect();

  const inOrder = ids.every((id, i) => i === 0 || id > ids[i - 1]!);
  console.log(`${COUNT} offline messages: all received and acked ${(acked - started).toFixed(0)} ms after connect,`);
  console.log(
    `all marked delivered in SQLite after ${(delivered - started).toFixed(0)} ms (${Math.round(COUNT / ((delivered - started) / 1000))} messages/s).`,
  );
  console.log(`in order: ${inOrder}, duplicates: ${ids.length - new Set(ids).size}`);
  if (!inOrder || new Set(ids).size !== COUNT) exitCode = 1;
} finally {
  reader.close();
  await lab.close();
  rmSync(dir, { recursive: true, force: true });
}
// socket.io's ack timers would keep the process alive for ACK_TIMEOUT_MS: nothing is waiting on them.
process.exit(exitCode);
