// npm run bench [-- NN | anchors] [--quick | --full] [--profile]: each lab beside its bare twin.
// What is measured, and why (docs/performance.md says more):
//   - server CPU per delivered message, read from the server process itself (the sum of its
//     threads' run time in /proc/PID/task/*/schedstat, in ns), at a fixed rate: 10 socket.io-client
//     senders × 5 msg/s. The server is pinned to core 0 and this load generator to core 1;
//   - p50 / p99 latency from send to each receiver, at that rate;
//   - N lean receivers (lean-client.ts), so that the load generator is not the bottleneck.
// Before each window both servers must be idle (N joins fan out N² presence updates). Windows run
// A B, B A, A B…; each ratio is taken within one repetition; the table shows median [min-max].
import { startRedisServer, type PrivateRedis } from '../src/redis-server.ts';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { connectLean, type LeanClient } from './lean-client.ts';
import type { Twin } from './twins.ts';
import { listLabs, repoRoot } from '../src/labs.ts';

export type Protocol = 'chat' | 'room';
/** One server under test: a lab's own src/main.ts, or a bare twin from twins.ts. */
export type Subject = { lab: string } | { twin: Twin };
export interface Comparison {
  key: string;
  title: string;
  a: Subject;
  b: Subject;
  protocol: Protocol;
  redis?: boolean;
}
export interface WindowResult {
  cpuMs: number;
  messages: number;
  deliveries: number;
  usPerDelivery: number;
  usPerMessage: number;
  p50: number;
  p99: number;
  delivered: number;
  expected: number;
  ackFailures: number;
}
export interface ComparisonResult {
  comparison: Comparison;
  n: number;
  reps: { a: WindowResult; b: WindowResult; ratio: number }[];
}
export interface Settings {
  sizes: number[];
  reps: number;
  windowSeconds: (n: number) => number;
  rate: number;
  senders: number;
  profileDir?: string;
}

export const SETTINGS = {
  quick: { sizes: [100], reps: 3, windowSeconds: () => 3, rate: 50, senders: 10 },
  // N = 100 holds few scheduler ticks of server CPU per second: 8 s windows keep its ratio within a few %.
  default: { sizes: [100, 1000], reps: 3, windowSeconds: (n: number) => (n <= 100 ? 8 : 3), rate: 50, senders: 10 },
  full: { sizes: [100, 1000], reps: 5, windowSeconds: (n: number) => (n <= 100 ? 10 : 5), rate: 50, senders: 10 },
} satisfies Record<string, Settings>;

const labDir = (nn: string) => listLabs().find((lab) => lab.number === nn)?.dir;

/** The labs beside their twins: 03, 07, and 09/10 if they are there. */
export function labComparisons(): Comparison[] {
  const list: Comparison[] = [
    { key: '03', title: 'lab 03 / io.emit to everyone', a: { lab: '03' }, b: { twin: 'broadcast' }, protocol: 'chat' },
    {
      key: '07',
      title: 'lab 07 / auth + join + INSERT + io.to(room).emit',
      a: { lab: '07' },
      b: { twin: 'sqlite' },
      protocol: 'room',
    },
    {
      key: '09',
      title: 'lab 09 / the same over the Redis adapter',
      a: { lab: '09' },
      b: { twin: 'redis' },
      protocol: 'room',
      redis: true,
    },
    {
      key: '10',
      title: 'lab 10 / the same over the Redis adapter',
      a: { lab: '10' },
      b: { twin: 'redis' },
      protocol: 'room',
      redis: true,
    },
  ];
  return list.filter((c) => 'lab' in c.a && labDir(c.a.lab) !== undefined);
}

/** The anchors: one bare twin against the next, so each row is the price of one thing. */
export const ANCHORS: Comparison[] = [
  // The same server twice: what the method itself reads as a difference (order, the machine).
  {
    key: 'same',
    title: "io.emit / io.emit again (the method's own error)",
    a: { twin: 'broadcast' },
    b: { twin: 'broadcast' },
    protocol: 'chat',
  },
  {
    key: 'socket.io',
    title: 'socket.io io.emit / a raw ws relay',
    a: { twin: 'broadcast' },
    b: { twin: 'relay' },
    protocol: 'chat',
  },
  { key: 'room', title: 'io.to(room).emit / io.emit', a: { twin: 'room' }, b: { twin: 'everyone' }, protocol: 'room' },
  { key: 'sqlite', title: 'INSERT + emit / emit alone', a: { twin: 'sqlite' }, b: { twin: 'room' }, protocol: 'room' },
  { key: 'host', title: 'the sqlite twin in startLab / alone', a: { twin: 'hosted' }, b: { twin: 'sqlite' }, protocol: 'room' },
  {
    key: 'redis',
    title: 'Redis adapter / in-process adapter',
    a: { twin: 'redis' },
    b: { twin: 'sqlite' },
    protocol: 'room',
    redis: true,
  },
];

// ---- the server processes ----

const pinning = cpus().length >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;

/** This process and its threads on core 1: the server gets core 0 to itself (others' load aside). */
export function pinLoadGenerator() {
  if (pinning) spawnSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  return pinning;
}

/** Nanoseconds of CPU the process has run, all its threads together. */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // a thread that ended between the listing and the read
    }
  }
  return total;
}

export interface ServerProcess {
  label: string;
  /** The inspector's WebSocket address, with --profile. */
  inspector?: string;
  port: number;
  pid: number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function subjectLabel(subject: Subject) {
  return 'lab' in subject ? `lab ${subject.lab}` : `bare ${subject.twin}`;
}

/** Starts a lab's main.ts (as `npm run lab` does) or a twin, pinned to core 0, and waits for its address. */
export function startServer(
  subject: Subject,
  env: NodeJS.ProcessEnv,
  profileDir?: string,
  /** Pinned to core 0 (the bench's A / B). The soak leaves its servers free to use any core. */
  pin = true,
): Promise<ServerProcess> {
  const cwd = 'lab' in subject ? labDir(subject.lab)! : repoRoot;
  const file = 'lab' in subject ? join(cwd, 'src', 'main.ts') : join(repoRoot, 'shared', 'bench', 'twins.ts');
  // --profile: an inspector on a free port; the bench records a CPU profile of the windows only.
  const nodeArgs = [...(profileDir ? ['--inspect=127.0.0.1:0'] : []), '--import', 'tsx', file];
  if ('twin' in subject) nodeArgs.push(subject.twin);
  const [command, args] = pinning && pin ? ['taskset', ['-c', '0', process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const child = spawn(command, args as string[], {
    cwd,
    env: { ...process.env, PORT: '0', ...env, LAB_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const label = subjectLabel(subject);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} printed no address within 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const port = /http:\/\/\S+:(\d+)\//.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.stdout!.off('data', read);
      resolve({
        label,
        inspector: /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(output)?.[0],
        port: Number(port),
        pid: child.pid!,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? code}) before printing its address:\n${output}`));
    });
  });
}

const debug = (line: string) => process.env.BENCH_DEBUG && console.log(`  [${(performance.now() / 1000).toFixed(1)} s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the server uses under 3 % of a core for two half-seconds in a row (at most `boundMs`). */
export async function waitIdle(server: ServerProcess, boundMs = 120_000) {
  const start = performance.now();
  let quiet = 0;
  while (performance.now() - start < boundMs) {
    const before = cpuNs(server.pid);
    await sleep(500);
    quiet = cpuNs(server.pid) - before < 0.03 * 500e6 ? quiet + 1 : 0;
    if (quiet >= 2) {
      debug(`${server.label} idle after ${(performance.now() - start).toFixed(0)} ms`);
      return performance.now() - start;
    }
  }
  console.warn(`  (${server.label} was still busy after ${boundMs / 1000} s; measuring anyway)`);
  return performance.now() - start;
}

/** The Chrome DevTools protocol, just enough to record a CPU profile of one window. */
class Profiler {
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id) this.waiting.get(message.id)?.(message.result);
    });
  }
  static async attach(server: ServerProcess) {
    if (!server.inspector) throw new Error(`${server.label} printed no inspector address:\n${server.output()}`);
    const ws = new WebSocket(server.inspector);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const profiler = new Profiler(ws);
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
    return profiler;
  }
  send<Result = unknown>(method: string, params: object = {}): Promise<Result> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (result: unknown) => void);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }
  start = () => this.send('Profiler.start');
  async stop(file: string) {
    const { profile } = await this.send<{ profile: object }>('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
  }
  close = () => this.ws.close();
}

// ---- the clients ----

const RECEIVE = { chat: '42["chat",', room: '42["message:new",' } as const;
const SEND = { chat: 'chat', room: 'message:send' } as const;
const MARK = Buffer.from('t=');

/** The senders and receivers connected to one server, with the counters a window reads. */
export class Audience {
  receivers: LeanClient[] = [];
  senders: Socket[] = [];
  roomId = 0;
  received = 0;
  latencies = new Float64Array(0);
  onDelivery = () => {};
  private readonly prefix: Buffer;

  constructor(
    readonly server: ServerProcess,
    readonly protocol: Protocol,
  ) {
    this.prefix = Buffer.from(RECEIVE[protocol]);
  }

  private onPacket = (packet: Buffer) => {
    if (this.prefix.compare(packet, 0, this.prefix.length) !== 0) return;
    const at = packet.indexOf(MARK, this.prefix.length);
    if (at < 0) return;
    const sentAt = Number.parseFloat(packet.toString('latin1', at + 2, at + 24));
    if (this.received < this.latencies.length) this.latencies[this.received] = performance.now() - sentAt;
    this.received += 1;
    this.onDelivery();
  };

  async connect(receivers: number, senders: number) {
    const url = `http://127.0.0.1:${this.server.port}/`;
    for (let i = 0; i < senders; i++) {
      const socket = io(url, {
        transports: ['websocket'],
        auth: { username: `sender${i}` },
        forceNew: true,
        reconnection: false,
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      this.senders.push(socket);
    }
    if (this.protocol === 'room') {
      const created = await this.senders[0]!.timeout(30_000).emitWithAck('room:create', { name: `bench ${process.pid}` });
      if (!created?.ok) throw new Error(`${this.server.label}: room:create answered ${JSON.stringify(created)}`);
      this.roomId = created.room.id;
      for (const socket of this.senders) await this.join((payload) => socket.timeout(60_000).emitWithAck('room:join', payload));
    }
    // In batches, so that 1,000 handshakes do not all wait on one another.
    for (let first = 0; first < receivers; first += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, receivers - first) }, (_, k) =>
          connectLean(this.server.port, { username: `r${first + k}` }, this.onPacket),
        ),
      );
      this.receivers.push(...batch);
      if (this.protocol === 'room')
        await Promise.all(batch.map((client) => this.join((payload) => client.ask('room:join', payload))));
    }
  }

  private async join(ask: (payload: unknown) => Promise<unknown>) {
    const answer = (await ask({ roomId: this.roomId })) as { ok?: boolean };
    if (!answer?.ok) throw new Error(`${this.server.label}: room:join answered ${JSON.stringify(answer).slice(0, 200)}`);
  }

  /** Sends `messages` at `rate` per second, round robin over the senders, and waits for every delivery. */
  async window(messages: number, rate: number): Promise<WindowResult> {
    const n = this.receivers.length;
    const expected = messages * n;
    this.received = 0;
    this.latencies = new Float64Array(expected);
    let acks = 0;
    let ackFailures = 0;
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const check = () => {
      if (this.received >= expected && acks >= messages) finish();
    };
    this.onDelivery = check;
    const cpuStart = cpuNs(this.server.pid);
    const start = performance.now();
    for (let i = 0; i < messages; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const text = `bench message ${i} t=${performance.now().toFixed(3)}`;
      const payload = this.protocol === 'chat' ? text : { roomId: this.roomId, text };
      this.senders[i % this.senders.length]!.timeout(60_000).emit(
        SEND[this.protocol],
        payload,
        (error: Error | null, answer: { ok?: boolean }) => {
          acks += 1;
          if (error || !answer?.ok) ackFailures += 1;
          check();
        },
      );
    }
    debug(`${this.server.label}: sent ${messages}`);
    await Promise.race([finished, sleep(60_000)]);
    debug(`${this.server.label}: all delivered`);
    const cpuMs = (cpuNs(this.server.pid) - cpuStart) / 1e6;
    this.onDelivery = () => {};
    const deliveries = messages * (n + this.senders.length);
    const sorted = this.latencies.slice(0, Math.min(this.received, expected)).sort();
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
    return {
      cpuMs,
      messages,
      deliveries,
      usPerDelivery: (cpuMs * 1000) / deliveries,
      usPerMessage: (cpuMs * 1000) / messages,
      p50: at(0.5),
      p99: at(0.99),
      delivered: this.received,
      expected,
      ackFailures: ackFailures + (messages - acks),
    };
  }

  close() {
    for (const client of this.receivers) client.close();
    for (const socket of this.senders) socket.disconnect();
  }
}

// ---- one comparison, A B A B ----

export async function compare(comparison: Comparison, n: number, settings: Settings): Promise<ComparisonResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const redis: PrivateRedis[] = [];
  const servers: ServerProcess[] = [];
  const audiences: Audience[] = [];
  try {
    // BENCH_ORDER=ba starts (and connects) B first: to check that start order does not bias A / B.
    const order = process.env.BENCH_ORDER === 'ba' ? [1, 0] : [0, 1];
    for (const index of order) {
      const subject = [comparison.a, comparison.b][index]!;
      const env: NodeJS.ProcessEnv = { DB_FILE: join(dir, `${index}.db`) };
      // One Redis each: two adapters on one Redis would relay each other's broadcasts.
      if (comparison.redis) {
        const own = await startRedisServer();
        redis.push(own);
        env.REDIS_URL = own.url;
      }
      const server = await startServer(subject, env, settings.profileDir);
      servers[index] = server;
      const audience = new Audience(server, comparison.protocol);
      audiences[index] = audience;
      await audience.connect(n, settings.senders);
    }
    debug('connected');
    const messages = Math.round(settings.rate * settings.windowSeconds(n));
    // Warm up: the JIT compiles the hot paths before any window counts.
    for (const audience of audiences) {
      await Promise.all(servers.map((server) => waitIdle(server)));
      await audience.window(Math.round(settings.rate * 1.5), settings.rate);
    }
    const profilers = settings.profileDir ? await Promise.all(servers.map((server) => Profiler.attach(server))) : [];
    const reps: ComparisonResult['reps'] = [];
    for (let rep = 1; rep <= settings.reps; rep++) {
      // A B, then B A, then A B…: neither server always runs first, nor always right after the other.
      const results: WindowResult[] = [];
      for (const index of rep % 2 === 1 ? [0, 1] : [1, 0]) {
        await Promise.all(servers.map((server) => waitIdle(server)));
        await profilers[index]?.start();
        results[index] = await audiences[index]!.window(messages, settings.rate);
        await profilers[index]?.stop(
          join(settings.profileDir ?? '', `${servers[index]!.label.replace(' ', '-')}-N${n}-rep${rep}.cpuprofile`),
        );
      }
      const [a, b] = results as [WindowResult, WindowResult];
      const ratio = a.usPerDelivery / b.usPerDelivery;
      reps.push({ a, b, ratio });
      console.log(
        `  N=${n} rep ${rep}: ${describe(servers[0]!.label, a)} | ${describe(servers[1]!.label, b)} | ratio ${ratio.toFixed(2)}`,
      );
    }
    for (const profiler of profilers) profiler.close();
    return { comparison, n, reps };
  } finally {
    for (const audience of audiences) audience.close();
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all(redis.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(label: string, r: WindowResult) {
  const lost =
    r.delivered < r.expected || r.ackFailures > 0
      ? ` (${r.delivered}/${r.expected} delivered, ${r.ackFailures} ack failures)`
      : '';
  return `${label} ${r.usPerDelivery.toFixed(2)} µs/delivery, p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms${lost}`;
}

// ---- summaries ----

export function median(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
export function spread(values: number[], digits = 2) {
  return `${median(values).toFixed(digits)} [${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}]`;
}

export function table(results: ComparisonResult[]) {
  const rows = [
    '| comparison | N | CPU µs per delivery, A | B | A / B, median [min-max] | extra µs per message | p50 / p99 ms, A | B |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const { comparison, n, reps } of results) {
    const a = reps.map((r) => r.a);
    const b = reps.map((r) => r.b);
    const extra = reps.map((r) => r.a.usPerMessage - r.b.usPerMessage);
    rows.push(
      `| ${comparison.title} | ${n.toLocaleString('en')} | ${median(a.map((r) => r.usPerDelivery)).toFixed(2)} | ${median(b.map((r) => r.usPerDelivery)).toFixed(2)} | ${spread(reps.map((r) => r.ratio))} | ${median(extra).toFixed(0)} | ${median(a.map((r) => r.p50)).toFixed(1)} / ${median(a.map((r) => r.p99)).toFixed(1)} | ${median(b.map((r) => r.p50)).toFixed(1)} / ${median(b.map((r) => r.p99)).toFixed(1)} |`,
    );
  }
  return rows.join('\n');
}

export function machine() {
  const cpu = cpus();
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, load average ${load} at the start, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
