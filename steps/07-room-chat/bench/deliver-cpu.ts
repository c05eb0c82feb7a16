// npm run bench -- 07: the CPU time one delivered message costs, sender's ack included.
// A fixed workload (one sender, four members, 2,000 messages): what the packet guard adds to each
// message:send shows here. Server and clients share this process, so the figure covers both.
import { startLab } from '@labs/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';
import { attach } from '../src/server.ts';

const MEMBERS = 4;
const MESSAGES = 2000;
const ROUNDS = 9;

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const dir = mkdtempSync(join(tmpdir(), 'lab07-cpu-'));
const lab = await startLab({
  labDir: new URL('..', import.meta.url),
  attach: (io) => attach(io, { dbFile: join(dir, 'chat.db') }),
  port: 0,
});

const login = (username: string) =>
  new Promise<Client>((resolve, reject) => {
    const client: Client = ioClient(lab.url, {
      auth: { username },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    client.once('connect', () => resolve(client));
    client.once('connect_error', reject);
  });

try {
  const sender = await login('sender');
  const created = await sender.emitWithAck('room:create', { name: 'CPU' });
  if (!created.ok) throw new Error(created.error);
  const roomId = created.room.id;
  const members = await Promise.all(Array.from({ length: MEMBERS }, (_, i) => login(`member${i}`)));
  for (const client of [sender, ...members]) await client.emitWithAck('room:join', { roomId });

  const perMessage: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    let delivered = 0;
    const allHeard = new Promise<void>((resolve) => {
      for (const member of members) member.on('message:new', () => ++delivered === MEMBERS * MESSAGES && resolve());
    });
    const before = process.cpuUsage();
    for (let n = 0; n < MESSAGES; n++) await sender.emitWithAck('message:send', { roomId, text: `message ${n}` });
    await allHeard;
    const { user, system } = process.cpuUsage(before);
    for (const member of members) member.off('message:new');
    // Round 0 warms up the JIT and SQLite's cache; it is not counted.
    if (round > 0) perMessage.push((user + system) / (MEMBERS * MESSAGES));
  }
  perMessage.sort((a, b) => a - b);
  console.log(
    `CPU per delivered message (${MESSAGES} sends to ${MEMBERS} members, ${ROUNDS} rounds): median ${perMessage[ROUNDS >> 1]!.toFixed(1)} µs, min ${perMessage[0]!.toFixed(1)} µs`,
  );
  for (const client of [sender, ...members]) client.disconnect();
} finally {
  await lab.close();
  rmSync(dir, { recursive: true, force: true });
}
