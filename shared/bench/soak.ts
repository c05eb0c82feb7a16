// npm run soak [-- --quick]: the app labs under load and faults, written to docs/reliability.md and,
// from the same figures, to its Chinese twin docs/zh/reliability.md (each sentence is a t(en, zh) pair).
// Not part of npm test: the load runs take minutes. Everything stays on 127.0.0.1, and every loop
// is bounded in count and in time. --quick shortens the load runs (10 s instead of 60 s) to try it.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { docsDir, listLabs } from '../src/labs.ts';
import { startRedisServer } from '../src/redis-server.ts';
import { connectLean, type LeanClient } from './lean-client.ts';
import { Audience, startServer, waitIdle, type ServerProcess } from './side-by-side.ts';
import {
  LANGS,
  type Lines,
  lines,
  machineNow,
  renderReport,
  replaceSections,
  reportHead,
  type Section,
  t,
  type Text,
} from './soak-report.ts';

const quick = process.argv.includes('--quick');
const LOAD_SECONDS = quick ? 10 : 60;
const hasLab = (nn: string) => listLabs().some((lab) => lab.number === nn);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dir = mkdtempSync(join(tmpdir(), 'soak-'));
let files = 0;
const dbFile = () => join(dir, `db-${++files}.db`);

/** Resident memory of a process, in MB. */
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const alive = (server: ServerProcess) => {
  try {
    process.kill(server.pid, 0);
    return true;
  } catch {
    return false;
  }
};
const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

function client(server: ServerProcess, auth: object, options: { reconnection?: boolean } = {}): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${server.port}/`, {
    transports: ['websocket'],
    auth,
    forceNew: true,
    reconnection: false,
    ...options,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
// biome-ignore lint/suspicious/noExplicitAny: each scenario reads the answer of the lab it drives
async function ask(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<any> {
  try {
    return await socket.timeout(timeoutMs).emitWithAck(event, payload);
  } catch (error) {
    return { ok: false, error: `no answer: ${(error as Error).message}` };
  }
}
async function roomWith(server: ServerProcess, sockets: Socket[]) {
  const created = await ask(sockets[0]!, 'room:create', { name: `soak ${performance.now()}` });
  if (!created.ok) throw new Error(`room:create answered ${JSON.stringify(created)}`);
  for (const socket of sockets) {
    const joined = await ask(socket, 'room:join', { roomId: created.room.id });
    if (!joined.ok) throw new Error(`${server.label}: room:join answered ${JSON.stringify(joined)}`);
  }
  return created.room.id as number;
}

// ---- the scenarios: each returns its lines of the report, in both languages ----

/** Lab 07: 1,000 clients in one room, 50 msg/s from 10 senders. */
async function load07(): Promise<Lines> {
  const server = await startServer({ lab: '07' }, { DB_FILE: dbFile() }, undefined, false);
  const audience = new Audience(server, 'room');
  try {
    const joining = performance.now();
    await audience.connect(1000, 10);
    const joined = performance.now() - joining;
    await waitIdle(server);
    const rssStart = rssMb(server.pid);
    const result = await audience.window(50 * LOAD_SECONDS, 50);
    const rssEnd = rssMb(server.pid);
    const allJoined = (joined / 1000).toFixed(1);
    return lines(
      t(
        `1,000 receivers and 10 senders in one room of lab 07, ${LOAD_SECONDS} s at 50 messages/s (all joined in ${allJoined} s).`,
        `实验 07 的一个房间里有 1,000 个接收者和 10 个发送者，以每秒 50 条消息运行 ${LOAD_SECONDS} 秒（全部加入用了 ${allJoined} 秒）。`,
      ),
      '',
      t(
        '| delivered / expected | ack failures | latency p50 / p99 | server CPU per delivery | server RSS start → end |',
        '| 已投递 / 应投递 | 确认失败 | 延迟 p50 / p99 | 每次投递的服务器 CPU | 服务器 RSS 开始 → 结束 |',
      ),
      '|---|---|---|---|---|',
      `| ${result.delivered.toLocaleString('en')} / ${result.expected.toLocaleString('en')} (${((100 * result.delivered) / result.expected).toFixed(2)} %) | ${result.ackFailures} | ${ms(result.p50)} / ${ms(result.p99)} | ${result.usPerDelivery.toFixed(1)} µs | ${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)} MB |`,
    );
  } finally {
    audience.close();
    await server.stop();
  }
}

/** Lab 08: 500 pairs, each side writing to the other, acking every dm:new as the page does. */
async function load08(pairs = 500): Promise<Lines> {
  const server = await startServer({ lab: '08' }, { DB_FILE: dbFile() }, undefined, false);
  const clients: LeanClient[] = [];
  const userIds: number[] = [];
  let received = 0;
  const latencies: number[] = [];
  const onPacket = (packet: Buffer, from: LeanClient, index: number) => {
    const text = packet.toString();
    if (text.startsWith('42["session",')) {
      userIds[index] = (JSON.parse(text.slice(2))[1] as { userId: number }).userId;
      return;
    }
    const event = /^42(\d+)\["dm:new",/.exec(text);
    if (!event) return;
    from.send(`43${event[1]}[]`);
    const at = text.indexOf('t=');
    if (at >= 0) {
      latencies.push(performance.now() - Number.parseFloat(text.slice(at + 2, at + 24)));
      received += 1;
    }
  };
  try {
    for (let i = 0; i < pairs * 2; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          connectLean(server.port, { username: `soak${i + k}` }, (packet, c) => onPacket(packet, c, i + k), 60_000),
        ),
      );
      for (const [k, lean] of batch.entries()) clients[i + k] = lean;
    }
    // Each session comes after its CONNECT, once the server has read or written the user: wait for the last ones, bounded.
    const sessionsBy = performance.now() + 10_000;
    while (userIds.filter(Number.isInteger).length < pairs * 2 && performance.now() < sessionsBy) await sleep(50);
    const sessions = userIds.filter(Number.isInteger).length;
    if (sessions !== pairs * 2) throw new Error(`${sessions} of ${pairs * 2} clients got their session within 10 s`);
    await waitIdle(server);
    const rssStart = rssMb(server.pid);
    // 50 messages a second in all: each pair sends every `pairs / 50` seconds, alternating sides.
    const messages = 50 * LOAD_SECONDS;
    let acked = 0;
    let ackFailures = 0;
    const sends: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < messages; i++) {
      const wait = start + i * 20 - performance.now();
      if (wait > 1) await sleep(wait);
      const pair = i % pairs;
      const side = Math.floor(i / pairs) % 2;
      const from = clients[2 * pair + side]!;
      const to = userIds[2 * pair + 1 - side]!;
      sends.push(
        from.ask('dm:send', { to, text: `soak ${i} t=${performance.now().toFixed(3)}` }, 30_000).then(
          (answer) => {
            if ((answer as { ok?: boolean })?.ok) acked += 1;
            else ackFailures += 1;
          },
          () => {
            ackFailures += 1;
          },
        ),
      );
    }
    await Promise.all(sends);
    const deadline = performance.now() + 30_000;
    while (received < acked && performance.now() < deadline) await sleep(100);
    const rssEnd = rssMb(server.pid);
    return lines(
      t(
        `${pairs} pairs of users in lab 08 (${pairs * 2} connections), ${LOAD_SECONDS} s at 50 messages/s in all, every dm:new acked by its receiver.`,
        `实验 08 里有 ${pairs} 对用户（${pairs * 2} 条连接），总共每秒 50 条消息，运行 ${LOAD_SECONDS} 秒，每个 dm:new 都由接收者确认。`,
      ),
      '',
      t(
        '| delivered / acked sends | ack failures | latency p50 / p99 | server RSS start → end |',
        '| 已投递 / 已确认的发送 | 确认失败 | 延迟 p50 / p99 | 服务器 RSS 开始 → 结束 |',
      ),
      '|---|---|---|---|',
      `| ${received.toLocaleString('en')} / ${acked.toLocaleString('en')} | ${ackFailures} | ${ms(percentile(latencies, 0.5))} / ${ms(percentile(latencies, 0.99))} | ${rssStart.toFixed(0)} → ${rssEnd.toFixed(0)} MB |`,
    );
  } finally {
    for (const lean of clients) lean?.close();
    await server.stop();
  }
}

/** Lab 07: SIGKILL during 1,000 acked sends, restart on the same file, count what is stored. */
async function crash07(): Promise<Lines> {
  const file = dbFile();
  let server = await startServer({ lab: '07' }, { DB_FILE: file }, undefined, false);
  // Ten senders of 100 each: within each socket's bucket (100 at once), so none is refused.
  const senders = await Promise.all(Array.from({ length: 10 }, (_, i) => client(server, { username: `crash${i}` })));
  const roomId = await roomWith(server, senders);
  const acked = new Set<string>();
  let sent = 0;
  // 20 in flight at a time; the kill comes after the 500th ack, while others are on the way.
  await new Promise<void>((resolve, reject) => {
    setTimeout(() => reject(new Error(`only ${acked.size} of 500 sends acked within 60 s`)), 60_000).unref();
    const next = () => {
      if (sent >= 1000) return;
      const text = `crash ${sent}`;
      const sender = senders[sent++ % senders.length]!;
      sender.timeout(5000).emit('message:send', { roomId, text }, (error: Error | null, answer: { ok?: boolean }) => {
        if (!error && answer?.ok) acked.add(text);
        if (acked.size === 500) {
          void server.stop('SIGKILL').then(resolve);
          return;
        }
        next();
      });
    };
    for (let i = 0; i < 20; i++) next();
  });
  for (const sender of senders) sender.disconnect();
  const ackedAtKill = acked.size;
  server = await startServer({ lab: '07' }, { DB_FILE: file }, undefined, false);
  const reader = await client(server, { username: 'after' });
  const joined = await ask(reader, 'room:join', { roomId });
  reader.disconnect();
  await server.stop();
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT text, COUNT(*) AS copies FROM messages WHERE room_id = ? GROUP BY text').all(roomId) as {
    text: string;
    copies: number;
  }[];
  db.close();
  const stored = new Map(rows.map((row) => [row.text, row.copies]));
  const missing = [...acked].filter((text) => !stored.has(text)).length;
  const twice = rows.filter((row) => row.copies > 1).length;
  return lines(
    t(
      `Lab 07 killed with SIGKILL after ${ackedAtKill} of 1,000 acked sends (20 in flight), restarted on the same SQLite file: the restarted server answered room:join ${joined.ok ? `with the last ${joined.history.length} messages` : `with an error: ${joined.error}`}.`,
      `在 1,000 次带确认的发送里完成 ${ackedAtKill} 次之后（还有 20 次在路上），用 SIGKILL 杀掉实验 07，再在同一个 SQLite 文件上重启：重启后的服务器${joined.ok ? `用最后 ${joined.history.length} 条消息回答了 room:join` : `对 room:join 回答了一个错误：${joined.error}`}。`,
    ),
    '',
    t(
      '| acked before the kill | acked and stored | acked but missing | stored twice | stored, never acked (in flight) |',
      '| 被杀之前已确认 | 已确认且已保存 | 已确认却丢失 | 保存了两次 | 已保存但从未确认（在路上） |',
    ),
    '|---|---|---|---|---|',
    `| ${acked.size} | ${acked.size - missing} | **${missing}** | **${twice}** | ${rows.length - (acked.size - missing)} |`,
  );
}

/** Lab 08: SIGKILL while a backlog of 1,000 messages is being delivered; restart; count. */
async function crash08(): Promise<Lines> {
  const file = dbFile();
  let server = await startServer({ lab: '08' }, { DB_FILE: file }, undefined, false);
  // Ten senders of 100 each, so that no socket's bucket (100 at once) refuses any.
  const senders = await Promise.all(Array.from({ length: 10 }, (_, i) => client(server, { username: `alice${i}` })));
  const bobFirst = createBob(server, { username: 'bob' });
  const bobSession = await bobFirst.session;
  bobFirst.socket.disconnect();
  for (let i = 0; i < 1000; i++) {
    const answer = await ask(senders[i % senders.length]!, 'dm:send', { to: bobSession.userId, text: `backlog ${i}` });
    if (!answer.ok) throw new Error(`dm:send answered ${JSON.stringify(answer)}`);
  }
  for (const sender of senders) sender.disconnect();
  // Bob comes back, a slow reader: he acks one message every 2 ms. After his 300th ack the server
  // is killed, while the rest of the backlog is on the wire or waiting for his acks.
  const seen: number[] = [];
  let acks = 0;
  const bob = createBob(server, { sessionId: bobSession.sessionId }, seen, 2, () => {
    acks += 1;
    if (acks === 300) void server.stop('SIGKILL');
  });
  await Promise.race([new Promise((resolve) => bob.socket.once('disconnect', resolve)), sleep(30_000)]);
  if (acks < 300) throw new Error(`bob acked only ${acks} of the backlog within 30 s`);
  const beforeKill = acks;
  const received = seen.length;
  server = await startServer({ lab: '08' }, { DB_FILE: file }, undefined, false);
  const bobAgain = createBob(server, { sessionId: bobSession.sessionId }, seen);
  const deadline = performance.now() + 30_000;
  while (new Set(seen).size < 1000 && performance.now() < deadline) await sleep(50);
  await sleep(500); // anything redelivered late shows up here; the report counts it
  bob.socket.disconnect();
  bobAgain.socket.disconnect();
  await server.stop();
  const distinct = new Set(seen).size;
  return lines(
    t(
      `Lab 08: bob offline, 1,000 messages waiting; bob connects, and the server is killed with SIGKILL after ${beforeKill} of his acks (he had received ${received}, acking one every 2 ms); it restarts on the same file and bob reconnects with his session.`,
      `实验 08：bob 离线，有 1,000 条消息在等他；bob 连上之后，在他确认了 ${beforeKill} 条时服务器被 SIGKILL 杀掉（他已经收到了 ${received} 条，每 2 ms 确认一条）；服务器在同一个文件上重启，bob 带着他的会话重新连接。`,
    ),
    '',
    t(
      '| distinct messages bob got | missing | sent again after the restart: not acked before the kill / acked, but the kill came first |',
      '| bob 收到的不同消息 | 丢失 | 重启后再次发送：被杀前未确认 / 已确认但被杀在先 |',
    ),
    '|---|---|---|',
    `| ${distinct} / 1,000 | **${1000 - distinct}** | ${received - beforeKill} / ${seen.length - distinct - (received - beforeKill)} |`,
    '',
    t(
      'Delivery is at least once: a dm:new not acked, or whose ack was still on the wire at the kill, is sent again with the same `id`, so a page that keys messages by id (as lab 08 does) shows each exactly once.',
      '投递至少一次：一个没有被确认的 dm:new，或者被杀时确认还在路上的 dm:new，会用同一个 `id` 再发一次，所以按 id 记录消息的页面（实验 08 就是这样做的）每条只显示一次。',
    ),
  );
}
function createBob(server: ServerProcess, auth: object, seen: number[] = [], ackDelayMs = 0, onAck = () => {}) {
  const socket = io(`http://127.0.0.1:${server.port}/`, { transports: ['websocket'], auth, forceNew: true, reconnection: false });
  const session = new Promise<{ userId: number; sessionId: string }>((resolve) => socket.once('session', resolve));
  let acking = Promise.resolve();
  socket.on('dm:new', (message: { id: number }, ack: () => void) => {
    seen.push(message.id);
    acking = acking.then(async () => {
      if (ackDelayMs > 0) await sleep(ackDelayMs);
      if (!socket.connected) return;
      ack();
      onAck();
    });
  });
  return { socket, session };
}

/** Lab 07: 500 clients in a room lose their connections at once and come back at once. */
async function storm07(): Promise<Lines> {
  const server = await startServer({ lab: '07' }, { DB_FILE: dbFile() }, undefined, false);
  const owner = await client(server, { username: 'owner' });
  const roomId = await roomWith(server, [owner]);
  const join = async (i: number) => {
    const lean = await connectLean(server.port, { username: `storm${i}` }, () => {}, 60_000);
    const answer = (await lean.ask('room:join', { roomId }, 60_000)) as { ok?: boolean };
    if (!answer?.ok) throw new Error(`room:join answered ${JSON.stringify(answer)}`);
    return lean;
  };
  try {
    let clients: LeanClient[] = [];
    for (let i = 0; i < 500; i += 50) clients.push(...(await Promise.all(Array.from({ length: 50 }, (_, k) => join(i + k)))));
    await waitIdle(server);
    for (const lean of clients) lean.close();
    await waitIdle(server);
    const afterDrop = await ask(owner, 'room:join', { roomId });
    const start = performance.now();
    const settled = await Promise.allSettled(Array.from({ length: 500 }, (_, i) => join(i)));
    const allBack = performance.now() - start;
    clients = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    await waitIdle(server);
    const quiet = performance.now() - start;
    const afterStorm = await ask(owner, 'room:join', { roomId });
    for (const lean of clients) lean.close();
    const row = `| ${clients.length} / 500 | ${(allBack / 1000).toFixed(1)} s | ${(quiet / 1000).toFixed(1)} s | ${afterDrop.online} / ${afterStorm.online}`;
    return lines(
      t(
        '500 clients in one room of lab 07 drop their connections at once; once the server is quiet, all 500 connect and join again at once.',
        '实验 07 一个房间里的 500 个客户端同时断开连接；等服务器安静下来后，500 个客户端又同时连接并重新加入。',
      ),
      '',
      t(
        '| back in (joined) | time until every join was acked | until the server was quiet again | online after the drop / after the storm (owner included) |',
        '| 重新进来（已加入） | 直到每次加入都被确认 | 直到服务器再次安静 | 断开后 / 风暴后的在线人数（包括房主） |',
      ),
      '|---|---|---|---|',
      t(`${row} (expected 1 / 501) |`, `${row}（预期 1 / 501） |`),
    );
  } finally {
    owner.disconnect();
    await server.stop();
  }
}

/** Lab 07: a message over the lab's 2,000 characters, and a packet over maxHttpBufferSize. */
async function oversized07(): Promise<Lines> {
  const server = await startServer({ lab: '07' }, { DB_FILE: dbFile() }, undefined, false);
  const [big, other] = [await client(server, { username: 'big' }), await client(server, { username: 'other' })];
  const roomId = await roomWith(server, [big, other]);
  const otherHeard: string[] = [];
  other.on('message:new', (message: { text: string }) => otherHeard.push(message.text));
  const overLimit = await ask(big, 'message:send', { roomId, text: 'x'.repeat(2001) });
  const closed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
  big.emit('message:send', { roomId, text: 'y'.repeat(200_000) }, () => {});
  const reason = await Promise.race([closed, sleep(5000).then(() => undefined)]);
  // The barrier: other's own message comes back after anything the server relayed before it.
  const own = await ask(other, 'message:send', { roomId, text: 'still here' });
  await sleep(200);
  big.disconnect();
  other.disconnect();
  const up = alive(server);
  await server.stop();
  const refused = `{ ok: false, error: "${overLimit.error}" }`;
  const [xs, ys] = ['x', 'y'].map((c) => otherHeard.filter((text) => text.startsWith(c)).length);
  return lines(
    t('| packet | answer | server up | others saw |', '| 数据包 | 回答 | 服务器还在 | 其他人收到 |'),
    '|---|---|---|---|',
    t(
      `| message:send with 2,001 characters | ${overLimit.ok ? 'ok (not refused!)' : refused} | ${up ? 'yes' : '**no**'} | ${xs} messages |`,
      `| 2,001 个字符的 message:send | ${overLimit.ok ? 'ok（没有被拒绝！）' : refused} | ${up ? '是' : '**否**'} | ${xs} 条消息 |`,
    ),
    t(
      `| a 200 KB packet (over maxHttpBufferSize, 100 KB) | ${reason === undefined ? '**still connected after 5 s**' : `the connection is closed: "${reason}"`} | ${up && own.ok ? 'yes, and the other client still sends' : '**no**'} | ${ys} messages |`,
      `| 一个 200 KB 的包（超过 maxHttpBufferSize，100 KB） | ${reason === undefined ? '**5 秒后连接还在**' : `连接被关闭："${reason}"`} | ${up && own.ok ? '是，另一个客户端照样能发' : '**否**'} | ${ys} 条消息 |`,
    ),
  );
}

/** Lab 07: one socket sends as fast as it can while 10 others chat to 100 receivers. */
async function flood07(): Promise<Lines> {
  const server = await startServer({ lab: '07' }, { DB_FILE: dbFile() }, undefined, false);
  const audience = new Audience(server, 'room');
  try {
    await audience.connect(100, 10);
    await waitIdle(server);
    const quiet = await audience.window(500, 50);
    await waitIdle(server);
    // The flooder runs in a process of its own: its 20,000 emits a second must load the server, not this timer.
    const flooder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'flooder.ts'),
        `http://127.0.0.1:${server.port}/`,
        String(audience.roomId),
        '12',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    flooder.stdout.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<void>((resolve) => flooder.once('exit', () => resolve()));
    while (!output.includes('flooding\n')) {
      if (flooder.exitCode !== null) throw new Error('the flooder exited before it began');
      await sleep(10);
    }
    const flooded = await audience.window(500, 50);
    await exited;
    const { accepted, refused, errors, cutOffAfterMs } = JSON.parse(output.trim().split('\n').at(-1)!) as {
      accepted: number;
      refused: number;
      errors: string[];
      cutOffAfterMs?: number;
    };
    const ratio = (flooded.p99 / quiet.p99).toFixed(2);
    const floodedFigures = `${flooded.delivered} / ${flooded.expected} | ${ms(flooded.p50)} / ${ms(flooded.p99)}`;
    const told = errors.map((e) => `"${e}"`);
    const members = audience.receivers.length + audience.senders.length + 1;
    return lines(
      t(
        '100 receivers and 10 senders in one room of lab 07 at 50 messages/s for 10 s, first quiet, then while one more socket sends 20,000 messages a second.',
        '实验 07 的一个房间里有 100 个接收者和 10 个发送者，以每秒 50 条消息运行 10 秒，先是安静的，然后另有一个 socket 每秒发 20,000 条消息。',
      ),
      '',
      t(
        '| run | delivered / expected | latency p50 / p99 | the flooder: accepted / refused |',
        '| 运行 | 已投递 / 应投递 | 延迟 p50 / p99 | 刷屏者：被接受 / 被拒绝 |',
      ),
      '|---|---|---|---|',
      t(
        `| quiet | ${quiet.delivered} / ${quiet.expected} | ${ms(quiet.p50)} / ${ms(quiet.p99)} | |`,
        `| 安静 | ${quiet.delivered} / ${quiet.expected} | ${ms(quiet.p50)} / ${ms(quiet.p99)} | |`,
      ),
      t(
        `| flooded | ${floodedFigures} (p99 ${ratio}× quiet) | ${accepted} / ${refused} |`,
        `| 刷屏中 | ${floodedFigures}（p99 是安静时的 ${ratio} 倍） | ${accepted} / ${refused} |`,
      ),
      '',
      t(`The flooder was told: ${told.join(', ') || 'nothing'}`, `刷屏者收到的是：${told.join('，') || '无'}`),
      '',
      t(
        `The others' tail comes with the flood's accepted part: ${accepted} messages within milliseconds (the bucket's burst), each fanned out to ${members} members, ${(accepted * members).toLocaleString('en')} deliveries, as many as ${(accepted / 50).toFixed(1)} s of the quiet run's; the refusals cost little.`,
        `其他人的尾部延迟来自刷屏中被接受的部分：几毫秒内 ${accepted} 条消息（令牌桶的突发量），每条扇出给 ${members} 个成员，共 ${(accepted * members).toLocaleString('en')} 次投递，相当于安静运行 ${(accepted / 50).toFixed(1)} 秒的量；拒绝本身花费很少。`,
      ),
      '',
      cutOffAfterMs === undefined
        ? t('**The server never cut the flooder off.**', '**服务器始终没有切断刷屏者。**')
        : t(
            `The server cut the flooder off ${(cutOffAfterMs / 1000).toFixed(2)} s into the flood, after ${refused.toLocaleString('en')} refusals (FLOOD_CUTOFF within a second).`,
            `服务器在刷屏开始 ${(cutOffAfterMs / 1000).toFixed(2)} 秒后切断了刷屏者，此前拒绝了 ${refused.toLocaleString('en')} 次（一秒内达到 FLOOD_CUTOFF）。`,
          ),
    );
  } finally {
    audience.close();
    await server.stop();
  }
}

/** Labs 09 / 10: redis-server stopped for 5 s under load, on two nodes. */
async function redisAway(nn: string): Promise<Lines> {
  const redis = await startRedisServer();
  const env = { REDIS_URL: redis.url, DB_FILE: dbFile() };
  const nodes = [await startServer({ lab: nn }, env, undefined, false), await startServer({ lab: nn }, env, undefined, false)];
  try {
    const [a, b] = [await client(nodes[0]!, { username: 'a' }), await client(nodes[1]!, { username: 'b' })];
    const roomId = await roomWith(nodes[0]!, [a, b]);
    const log: { at: number; ok: boolean; heard: number }[] = [];
    let stoppedAt = 0;
    let startedAt = 0;
    const start = performance.now();
    // 10 sends a second for 25 s: 5 s before, 5 s away, up to 15 s after.
    const fault = (async () => {
      await sleep(5000);
      await redis.stop();
      stoppedAt = performance.now() - start;
      await sleep(5000);
      await redis.start();
      startedAt = performance.now() - start;
    })();
    const errors = new Set<string>();
    const heardOnNode2 = new Set<string>();
    b.on('message:new', (message: { text: string }) => heardOnNode2.add(message.text));
    const ackedTexts: { at: number; text: string }[] = [];
    for (let i = 0; i < 100; i++) {
      const due = start + i * 100 - performance.now();
      if (due > 1) await sleep(due);
      const answer = await ask(a, 'message:send', { roomId, text: `redis ${i}` }, 3000);
      if (!answer.ok) errors.add(answer.error);
      else ackedTexts.push({ at: performance.now() - start, text: `redis ${i}` });
      log.push({ at: performance.now() - start, ok: Boolean(answer.ok), heard: 0 });
    }
    await fault;
    // Back: this private Redis keeps no data, so the rooms are gone (the lab says so to its clients).
    // "Working again" = a new room, both in it, and a message node 2 hears, within 15 s.
    let back: number | undefined;
    while (back === undefined && performance.now() - start - startedAt < 15_000) {
      try {
        const fresh = await roomWith(nodes[0]!, [a, b]);
        const heard = new Promise((resolve) => b.once('message:new', resolve));
        const sent = await ask(a, 'message:send', { roomId: fresh, text: 'back' }, 3000);
        if (sent.ok && (await Promise.race([heard.then(() => true), sleep(3000).then(() => false)])))
          back = performance.now() - start - startedAt;
      } catch {
        await sleep(200);
      }
    }
    const during = log.filter((e) => e.at > stoppedAt && e.at < startedAt);
    const noAnswer = during.filter((e) => !e.ok).length;
    const ackedAway = ackedTexts.filter((e) => e.at > stoppedAt && e.at < startedAt);
    const heardAway = ackedAway.filter((e) => heardOnNode2.has(e.text)).length;
    a.disconnect();
    b.disconnect();
    const [stopped, started] = [stoppedAt, startedAt].map((at) => (at / 1000).toFixed(1));
    const row = `| ${nodes.filter(alive).length} / 2 | ${noAnswer} / ${during.length - noAnswer} |`;
    const told = [...errors].map((e) => `"${e}"`);
    const fence = '```';
    return lines(
      t(
        `Lab ${nn}, two nodes on one redis-server, a sender on node 1 and a receiver on node 2, 10 sends/s; redis-server stopped at ${stopped} s and started again at ${started} s.`,
        `实验 ${nn}，两个节点共用一个 redis-server，节点 1 上一个发送者，节点 2 上一个接收者，每秒发送 10 次；redis-server 在 ${stopped} 秒时停止，${started} 秒时重新启动。`,
      ),
      '',
      t(
        '| nodes still up | sends while Redis was away: refused / ok | chat working again after Redis is back |',
        '| 仍在运行的节点 | Redis 离开期间的发送：被拒绝 / 成功 | Redis 回来后聊天恢复正常用时 |',
      ),
      '|---|---|---|',
      back === undefined
        ? t(`${row} **not within 15 s** |`, `${row} **15 秒内没有恢复** |`)
        : t(
            `${row} ${(back / 1000).toFixed(1)} s (a new room, a message heard on node 2) |`,
            `${row} ${(back / 1000).toFixed(1)} s（一个新房间，节点 2 上听到了一条消息） |`,
          ),
      '',
      t(
        `What the refused sends were told: ${told.join(', ') || 'nothing'}.`,
        `被拒绝的发送收到的回答：${told.join('，') || '无'}。`,
      ),
      ...nodes
        .filter((node) => !alive(node))
        .flatMap((node) => {
          const lastWords = node.output().trim().split('\n').slice(-8).join('\n');
          return ['', t('**A node died.** Its last words:', '**有一个节点死了。** 它最后的输出：'), '', fence, lastWords, fence];
        }),
      ...(ackedAway.length > 0
        ? [
            '',
            t(
              `Of the ${ackedAway.length} sends acked while Redis was away, node 2's member heard ${heardAway}: the rest were stored, not relayed.`,
              heardAway === 0
                ? `Redis 离开期间被确认的 ${ackedAway.length} 次发送，节点 2 上的成员一条也没听到（0）：它们被保存了，但没有被转发。`
                : `Redis 离开期间被确认的 ${ackedAway.length} 次发送，节点 2 上的成员听到了 ${heardAway} 次：其余的被保存了，但没有被转发。`,
            ),
          ]
        : []),
    );
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
    await redis.stop();
  }
}

// ---- the report ----

// No pinning here: the soak compares nothing side by side, and on a busy machine one pinned core
// would starve the server. The load generator shares the cores with it.
const pinned = false;
const about = machineNow();
const scenarios: [Text, () => Promise<Lines>][] = [
  [t('Load: lab 07, one room of 1,000', '负载：实验 07，一个 1,000 人的房间'), load07],
  [t('Load: lab 08, 500 pairs', '负载：实验 08，500 对用户'), () => load08(500)],
  [t('Crash: lab 07, SIGKILL during acked sends', '崩溃：实验 07，在带确认的发送中途 SIGKILL'), crash07],
  [t('Crash: lab 08, SIGKILL during offline delivery', '崩溃：实验 08，在离线投递中途 SIGKILL'), crash08],
  [t('Reconnect storm: lab 07, 500 clients', '重连风暴：实验 07，500 个客户端'), storm07],
  [t('Oversized payloads: lab 07', '超大的包：实验 07'), oversized07],
  [t('Flood: lab 07, one socket as fast as it can', '刷屏：实验 07，一个 socket 能发多快就发多快'), flood07],
  ...['09', '10']
    .filter(hasLab)
    .map((nn): [Text, () => Promise<Lines>] => [
      t(`Redis away for 5 s: lab ${nn}`, `Redis 离开 5 秒：实验 ${nn}`),
      () => redisAway(nn),
    ]),
];
// `npm run soak -- storm crash`: only the scenarios whose English title holds one of the words.
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const sections: Section[] = [];
let failed = 0;
for (const [title, run] of scenarios) {
  if (wanted.length > 0 && !wanted.some((word) => title.en.toLowerCase().includes(word.toLowerCase()))) continue;
  console.log(`\n▶ ${title.en}`);
  const began = performance.now();
  let found: Lines;
  try {
    found = await run();
  } catch (error) {
    failed += 1;
    const message = (error as Error).message.split('\n')[0];
    found = lines(t(`**Did not complete:** ${message}`, `**没有跑完：** ${message}`));
  }
  const seconds = ((performance.now() - began) / 1000).toFixed(0);
  // A section rerun on its own says when, under what load, and how long its load ran: the report's
  // opening lines describe the full run, not this one.
  const rerun = wanted.length > 0;
  const flags = quick ? ', --quick' : '';
  found.en.push(
    '',
    rerun ? `_(${seconds} s; rerun on its own at ${about.date}, load average ${about.load}${flags})_` : `_(${seconds} s)_`,
  );
  found.zh.push(
    '',
    rerun
      ? `_（${seconds} 秒；${about.date} 单独重跑，开始时平均负载 ${about.load}${quick ? '，--quick' : ''}）_`
      : `_（${seconds} 秒）_`,
  );
  console.log(found.en.join('\n'));
  sections.push({ title, lines: found });
}
rmSync(dir, { recursive: true, force: true });

const reportFiles = { en: join(docsDir, 'reliability.md'), zh: join(docsDir, 'zh', 'reliability.md') };
if (wanted.length > 0) {
  // `npm run soak -- storm`: rerun the scenarios named, and replace only their sections, in both files.
  const missing = LANGS.filter((lang) => !existsSync(reportFiles[lang]));
  if (missing.length > 0) {
    failed += 1;
    console.log(
      `\nNo report to update (${missing.map((lang) => reportFiles[lang]).join(', ')} missing): run npm run soak in full.`,
    );
  } else {
    const updated = replaceSections(
      { en: readFileSync(reportFiles.en, 'utf8'), zh: readFileSync(reportFiles.zh, 'utf8') },
      sections,
    );
    for (const lang of LANGS) writeFileSync(reportFiles[lang], updated[lang]);
    for (const problem of updated.problems) console.log(`\n${problem}`);
    failed += updated.problems.length;
    console.log(`\nUpdated ${sections.length} section(s) of ${reportFiles.en} and ${reportFiles.zh}`);
  }
} else {
  for (const lang of LANGS)
    writeFileSync(reportFiles[lang], renderReport(reportHead(lang, about, { quick, pinned }), sections, lang));
  console.log(`\nReport: ${reportFiles.en} and ${reportFiles.zh}`);
}
process.exit(failed > 0 ? 1 : 0);
