// npm run bench -- 07: the CPU time one delivered message costs, sender's ack included.
// A fixed workload (4 members; 20 senders each send one burst of SEND_BURST messages; fresh senders each
// round, since the rate limit keeps one bucket per socket): what the packet guard adds to each
// message:send shows here. Server and clients share this process, so the figure covers both.
import { SEND_BURST, startLab } from '@labs/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';
import { attach } from '../src/server.ts';

const MEMBERS = 4;
const SENDERS = 20;
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
  const owner = await login('owner');
  const created = await owner.emitWithAck('room:create', { name: 'CPU' });
  if (!created.ok) throw new Error(created.error);
  const roomId = created.room.id;
  const members = await Promise.all(Array.from({ length: MEMBERS }, (_, i) => login(`member${i}`)));
  for (const member of members) await member.emitWithAck('room:join', { roomId });

  const perMessage: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const senders = await Promise.all(Array.from({ length: SENDERS }, (_, i) => login(`sender${i}`)));
    for (const sender of senders) await sender.emitWithAck('room:join', { roomId });
    const messages = SENDERS * SEND_BURST;
    let heard = 0;
    const allHeard = new Promise<void>((resolve) => {
      for (const member of members) member.on('message:new', () => ++heard === MEMBERS * messages && resolve());
    });
    const before = process.cpuUsage();
    for (const sender of senders) {
      for (let n = 0; n < SEND_BURST; n++) {
        const answer = await sender.emitWithAck('message:send', { roomId, text: `message ${n}` });
        if (!answer.ok) throw new Error(answer.error);
      }
    }
    await allHeard;
    const { user, system } = process.cpuUsage(before);
    for (const member of members) member.off('message:new');
    for (const sender of senders) sender.disconnect();
    // Each message reaches the members and every sender in the room. Round 0 warms up; it is not counted.
    if (round > 0) perMessage.push((user + system) / (messages * (MEMBERS + SENDERS)));
  }
  perMessage.sort((a, b) => a - b);
  console.log(
    `CPU per delivered message (${SENDERS} × ${SEND_BURST} sends to ${MEMBERS + SENDERS} sockets, ${ROUNDS} rounds): median ${perMessage[ROUNDS >> 1]!.toFixed(1)} µs, min ${perMessage[0]!.toFixed(1)} µs`,
  );
  for (const client of [owner, ...members]) client.disconnect();
} finally {
  await lab.close();
  rmSync(dir, { recursive: true, force: true });
}
