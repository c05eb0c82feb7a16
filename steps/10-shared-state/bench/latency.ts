// npm run bench -- 09: what the hop through Redis costs.
// Two nodes (separate processes, as in production) on a private redis-server. A client on node A
// sends 2,000 messages one after another, alternating between two rooms: one whose other member is
// on node A (delivery is local, though the adapter still publishes), one whose other member is on
// node B (delivery goes through Redis). Alternating means both see the same machine at the same time.
// The sends are spread over enough sockets on node A that none meets the token bucket (SEND_BURST each).
import { REDIS_MISSING, redisServerInstalled, startRedisServer } from '@labs/shared/redis-server';
import { SEND_BURST, startLabProcess } from '@labs/shared';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const MESSAGES = 1000;
const WARMUP = 100;

if (!redisServerInstalled()) {
  console.error(REDIS_MISSING);
  process.exit(1);
}
const redis = await startRedisServer();
const labDir = new URL('..', import.meta.url);
function connect(url: string, username: string): Promise<Client> {
  const socket: Client = io(url, { transports: ['websocket'], auth: { username }, forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function roomWith(senders: Client[], receiver: Client): Promise<number> {
  const created = await senders[0]!.emitWithAck('room:create', { name: `bench-${Math.random()}` });
  if (!created.ok) throw new Error(created.error);
  for (const socket of [...senders, receiver]) {
    const joined = await socket.emitWithAck('room:join', { roomId: created.room.id });
    if (!joined.ok) throw new Error(joined.error);
  }
  return created.room.id;
}

/** Milliseconds from the sender's emit to each receiver's message:new, message by message, alternating. */
async function measure(senders: Client[], receivers: Client[]): Promise<number[][]> {
  const rooms = await Promise.all(receivers.map((receiver) => roomWith(senders, receiver)));
  const times: number[][] = receivers.map(() => []);
  for (let i = 0; i < (WARMUP + MESSAGES) * receivers.length; i++) {
    const which = i % receivers.length;
    const heard = new Promise<void>((resolve) => receivers[which]!.once('message:new', () => resolve()));
    const start = performance.now();
    senders[Math.floor(i / (SEND_BURST - 1))]!.emit('message:send', { roomId: rooms[which]!, text: `message ${i}` }, () => {});
    await heard;
    if (i >= WARMUP * receivers.length) times[which]!.push(performance.now() - start);
  }
  return times;
}

function summary(label: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  console.log(`  ${label.padEnd(34)} median ${at(0.5).toFixed(2)} ms   p99 ${at(0.99).toFixed(2)} ms`);
  return at(0.5);
}

let code = 0;
const nodes = await Promise.all([1, 2].map(() => startLabProcess({ labDir, env: { REDIS_URL: redis.url } })));
try {
  const [nodeA, nodeB] = nodes;
  const sendsPerRoom = WARMUP + MESSAGES;
  const sendersOnA = await Promise.all(
    Array.from({ length: Math.ceil((2 * sendsPerRoom) / (SEND_BURST - 1)) }, (_, i) => connect(nodeA!.url, `sender${i}`)),
  );
  const receiverOnA = await connect(nodeA!.url, 'local');
  const receiverOnB = await connect(nodeB!.url, 'remote');

  console.log(
    `message:send on node A → message:new, ${MESSAGES} messages to each receiver, alternating, one at a time (after ${WARMUP} each to warm up):`,
  );
  const [local, remote] = await measure(sendersOnA, [receiverOnA, receiverOnB]);
  const sameNode = summary('receiver on the same node (A → A)', local!);
  const crossNode = summary('receiver on another node (A → B)', remote!);
  console.log(`  the hop through Redis pub/sub adds about ${(crossNode - sameNode).toFixed(2)} ms at the median.`);
  for (const socket of [...sendersOnA, receiverOnA, receiverOnB]) socket.disconnect();
} catch (error) {
  console.error(error);
  code = 1;
} finally {
  await Promise.all(nodes.map((node) => node.stop()));
  await redis.stop();
}
process.exit(code);
