// npm run bench: what the wire panel (shared/src/wire) costs the server.
// Lab 03's server in a process of its own, 100 clients, and one of them sends 1,000 chats: each is
// an io.emit, so 100,000 deliveries. We read the server process's CPU time (from /proc) around them,
// three ways, alternating so that all three see the same machine: WIRE=0, the panel built in but
// no panel open (what a learner's server runs almost all the time), and one panel open.
import { startLabProcess } from '@labs/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { repoRoot } from '../src/labs.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS) || 100;
const CHATS = Number(process.env.BENCH_CHATS) || 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS) || 5;
const labDir = join(repoRoot, 'steps', '03-broadcast');
type Setup = 'WIRE=0' | 'no panel open' | 'one panel open';

/** User + system CPU time of a process, in ms (Linux clock ticks are 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function connect(url: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Server CPU ms per 1,000 deliveries for one setup. */
async function measure(setup: Setup): Promise<number> {
  const server = await startLabProcess({ labDir, env: { WIRE: setup === 'WIRE=0' ? '0' : '1' } });
  try {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connect(server.url)));
    if (setup === 'one panel open') {
      // manager.socket() connects it already: a second connect() would send a second CONNECT, and the
      // server closes a connection that connects one namespace twice ("invalid state").
      const panel = clients[0]!.io.socket('/_wire');
      if (!panel.connected) await new Promise<void>((resolve) => panel.once('connect', () => resolve()));
    }
    const sender = clients[CLIENTS - 1]!;
    // Warm up, then measure.
    for (const round of ['warm-up', 'measured']) {
      const last = `${round} ${CHATS}`;
      let got = 0;
      const allGotLast = Promise.all(
        clients.map(
          (client) =>
            new Promise<void>((resolve) =>
              client.on('chat', ({ text }: { text: string }) => {
                if (text !== last) return;
                got += 1;
                resolve();
              }),
            ),
        ),
      );
      // Bounded: a client that lost its connection would otherwise keep the bench waiting forever.
      const bound = setTimeout(() => {
        const gone = clients.filter((client) => !client.connected).length;
        console.error(`  ${setup}, ${round}: ${got} of ${CLIENTS} clients got the last chat within 60 s (${gone} disconnected)`);
        process.exit(1);
      }, 60_000);
      const before = cpuMs(server.child.pid!);
      for (let n = 1; n <= CHATS; n++) sender.emit('chat', `${round} ${n}`);
      await allGotLast;
      clearTimeout(bound);
      if (round === 'measured') return ((cpuMs(server.child.pid!) - before) / (CHATS * CLIENTS)) * 1000;
      for (const client of clients) client.off('chat');
    }
    return Number.NaN;
  } finally {
    await server.stop();
  }
}

const setups: Setup[] = ['WIRE=0', 'no panel open', 'one panel open'];
const results = new Map<Setup, number[]>(setups.map((setup) => [setup, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const setup of setups) {
    results.get(setup)!.push(await measure(setup));
    console.log(`  round ${round + 1}, ${setup}: ${results.get(setup)!.at(-1)!.toFixed(2)} ms`);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const off = median(results.get('WIRE=0')!);
console.log(`wire panel: server CPU per 1,000 deliveries (${CLIENTS} clients × ${CHATS} io.emit), median of ${ROUNDS}`);
for (const setup of setups) {
  const ms = median(results.get(setup)!);
  const overhead = setup === 'WIRE=0' ? '' : `  (${ms >= off ? '+' : ''}${(((ms - off) / off) * 100).toFixed(1)} %)`;
  console.log(
    `  ${setup.padEnd(15)} ${ms.toFixed(2)} ms${overhead}   runs: ${results
      .get(setup)!
      .map((v) => v.toFixed(2))
      .join(', ')}`,
  );
}
console.log('Target: no panel open costs at most 2 % more than WIRE=0 (below the noise of one run).');
process.exit(0);
