// npm run bench -- 07: how long room:join takes when the room already holds 10,000 messages.
// The join's history is "the last 50, oldest first": with the (room_id, id) index SQLite reads
// those 50 rows and never the other 9,950, so the join should cost about what an empty room's does.
import { startLab } from '@labs/shared';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';
import { attach } from '../src/server.ts';
import { openStore } from '../src/store.ts';

const MESSAGES = 10_000;
const JOINS = 50;
const WARMUP = 5;

const dir = mkdtempSync(join(tmpdir(), 'lab07-bench-'));
const dbFile = join(dir, 'room-chat.db');

/** Median and 95th percentile of a list of milliseconds. */
function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, min ${sorted[0]!.toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
}

try {
  // The schema comes from the lab's own store; the 10,000 rows go in one transaction (one commit).
  const store = openStore(dbFile);
  const full = store.createRoom('Ten thousand messages', 'bench')!;
  const empty = store.createRoom('Empty', 'bench')!;
  store.close();
  const db = new Database(dbFile);
  const insert = db.prepare('INSERT INTO messages (room_id, author, text, created_at) VALUES (?, ?, ?, ?)');
  const filling = performance.now();
  db.transaction(() => {
    for (let n = 1; n <= MESSAGES; n++) insert.run(full.id, `user${n % 7}`, `message number ${n}`, new Date().toISOString());
  })();
  db.close();
  console.log(`stored ${MESSAGES} messages in one room in ${(performance.now() - filling).toFixed(0)} ms`);

  // The history query alone, as the server runs it.
  const reader = openStore(dbFile);
  const queries: number[] = [];
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    reader.history(full.id);
    queries.push(performance.now() - start);
  }
  reader.close();
  console.log(`history query (last 50 of ${MESSAGES}): ${summary(queries)}`);

  // The whole room:join round trip: a real server, a real client, the ack with 50 messages.
  const lab = await startLab({ labDir: new URL('..', import.meta.url), attach: (io) => attach(io, { dbFile }), port: 0 });
  const client: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(lab.url, {
    auth: { username: 'bench' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });

  const timeJoins = async (roomId: number, expected: number) => {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + JOINS; i++) {
      const start = performance.now();
      const answer = await client.emitWithAck('room:join', { roomId });
      const elapsed = performance.now() - start;
      if (!answer.ok || answer.history.length !== expected)
        throw new Error(`unexpected join answer: ${JSON.stringify(answer).slice(0, 200)}`);
      if (i >= WARMUP) times.push(elapsed);
    }
    return summary(times);
  };
  console.log(`room:join, ${MESSAGES} messages stored (${JOINS} joins): ${await timeJoins(full.id, 50)}`);
  console.log(`room:join, empty room for comparison (${JOINS} joins): ${await timeJoins(empty.id, 0)}`);

  client.disconnect();
  await lab.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
