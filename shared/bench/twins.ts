// The bare twins: each lab's job done by plain socket.io in a few lines, with none of the course's
// care (no validation, no membership check, no guard). `npm run bench` runs a lab beside its twin,
// so the ratio is what the lesson costs. Run one by hand: node --import tsx shared/bench/twins.ts sqlite
// It prints its address on its first line, as a lab does, and stops on SIGTERM.
import { createAdapter } from '@socket.io/redis-adapter';
import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';
import { exitWithParent } from '../src/lab-process.ts';
import { repoRoot } from '../src/labs.ts';
import { startLab } from '../src/start-lab.ts';

exitWithParent();

export const TWINS = {
  /** Not socket.io at all: a raw `ws` relay that speaks just enough of its wire format. */
  relay: 'a raw ws relay (no socket.io)',
  /** Lab 03: io.emit('chat', { from, text }). */
  broadcast: 'io.emit to everyone',
  /** The room protocol, but every message goes to everyone: io.emit. What the room anchor compares against. */
  everyone: 'auth + join + io.emit (the room ignored)',
  /** A room without a database: auth, join, io.to(room).emit. */
  room: 'auth + join + io.to(room).emit',
  /** Lab 07: the same with an INSERT before the emit. */
  sqlite: 'auth + join + INSERT + io.to(room).emit',
  /** The sqlite twin hosted as a lab is (startLab: express, the page bundler): what the host costs. */
  hosted: 'the sqlite twin inside startLab',
  /** Lab 09 / 10: the same over the Redis adapter. */
  redis: 'auth + join + INSERT + io.to(room).emit over the Redis adapter',
} as const;
export type Twin = keyof typeof TWINS;

const which = process.argv[2] as Twin;
if (!(which in TWINS)) {
  console.error(`twins.ts takes one of ${Object.keys(TWINS).join(', ')}, not "${which}".`);
  process.exit(1);
}
const httpServer = createServer();

if (which === 'relay') {
  // Engine.IO's open packet, Socket.IO's connect answer, pings, and one event relayed to everyone.
  const wss = new WebSocketServer({ server: httpServer, path: '/socket.io/' });
  let sids = 0;
  wss.on('connection', (ws) => {
    const sid = `relay${++sids}`;
    ws.send(`0${JSON.stringify({ sid, upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1e6 })}`);
    const ping = setInterval(() => ws.send('2'), 25000);
    ws.on('close', () => clearInterval(ping));
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('40')) return ws.send(`40{"sid":"${sid}"}`);
      const event = /^42(\d*)(\[.*\])$/s.exec(text);
      if (!event) return;
      const [name, line] = JSON.parse(event[2]!) as [string, string];
      const packet = `42${JSON.stringify([name, { from: sid, text: line }])}`;
      for (const client of wss.clients) client.send(packet);
      if (event[1]) ws.send(`43${event[1]}[{"ok":true}]`);
    });
  });
} else {
  const hosted =
    which === 'hosted' ? await startLab({ labDir: join(repoRoot, 'steps', '07-room-chat'), attach: () => {} }) : undefined;
  const io: Server = (hosted?.io as Server | undefined) ?? new Server(httpServer);
  if (hosted) console.log(`bare twin "${which}": ${hosted.url}`);
  if (which === 'broadcast') {
    io.on('connection', (socket) => {
      socket.on('chat', (text, ack) => {
        io.emit('chat', { from: socket.id, text });
        ack({ ok: true });
      });
    });
  } else {
    const db = which === 'room' || which === 'everyone' ? undefined : new Database(process.env.DB_FILE || ':memory:');
    db?.pragma('journal_mode = WAL');
    db?.exec(
      'CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, room_id INTEGER, author TEXT, text TEXT, created_at TEXT)',
    );
    const insert = db?.prepare('INSERT INTO messages (room_id, author, text, created_at) VALUES (?, ?, ?, ?)');
    if (which === 'redis') {
      const pub = createClient({ url: process.env.REDIS_URL });
      const sub = pub.duplicate();
      await Promise.all([pub.connect(), sub.connect()]);
      io.adapter(createAdapter(pub, sub));
    }
    io.use((socket, next) => {
      socket.data.username = socket.handshake.auth.username;
      next();
    });
    io.on('connection', (socket) => {
      socket.on('room:create', (_payload, ack) => ack({ ok: true, room: { id: 1 } }));
      socket.on('room:join', async ({ roomId }, ack) => {
        await socket.join(`room:${roomId}`);
        ack({ ok: true });
      });
      socket.on('message:send', ({ roomId, text }, ack) => {
        const createdAt = new Date().toISOString();
        const id = insert ? Number(insert.run(roomId, socket.data.username, text, createdAt).lastInsertRowid) : 0;
        const message = { id, roomId, author: socket.data.username, text, createdAt };
        ack({ ok: true, message });
        (which === 'everyone' ? io : io.to(`room:${roomId}`)).emit('message:new', message);
      });
    });
  }
}

if (which !== 'hosted')
  httpServer.listen(0, () => {
    console.log(`bare twin "${which}": http://localhost:${(httpServer.address() as AddressInfo).port}/`);
  });
process.once('SIGTERM', () => process.exit(0));
