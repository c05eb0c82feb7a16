// The server half of the wire panel: a namespace, /_wire, that forwards what this server's
// engine really wrote and read, packet by packet, to every page that subscribes to it.
//
// - It costs nothing while nobody watches: the per-connection listeners exist only while at least
//   one panel is connected.
// - One server line per packet written, with its audience: a broadcast writes the same encoded
//   packet to each recipient's connection in one go, so identical packets written in the same
//   tick are one line, listing every socket that got it.
// - It leaks nothing: a page sees its own connection's packets as they are, and everyone else's
//   with handshake auth, engine sids and secret-looking fields replaced by "•••".
// - It is bounded: above MAX_LINES_PER_SECOND lines in a second, the rest are counted per event.
import type { Server, Socket } from 'socket.io';
import {
  countKey,
  ENGINE_TYPES,
  isWirePacket,
  MAX_LINES_PER_SECOND,
  namespaceOf,
  redact,
  WIRE_NAMESPACE,
  type WireBatch,
  type WireCounts,
  type WireLine,
} from './protocol.ts';

type Conn = Socket['conn'];
interface EnginePacket {
  type: string;
  data?: unknown;
}

/** One packet the server wrote or read, before it is tailored to each viewer. */
interface Seen {
  t: number;
  /** The rate-cap window it fell in. */
  w: number;
  dir: 'in' | 'out';
  /** The Engine.IO packet as written or read. */
  type: string;
  data: unknown;
  /** The connections that received it (out) or the one that sent it (in), with the namespace. */
  peers: Array<[Conn, string]>;
  /** Out packets only, while the tick's grouping is open: which connections already have it. */
  conns?: Set<Conn>;
}

interface Subscriber {
  socket: Socket;
  /** This page's own connection: the one its /_wire socket shares with the lab's socket. */
  own: Conn;
  lines: WireLine[];
  counts: WireCounts[];
  timer?: ReturnType<typeof setTimeout>;
}

export interface WireOptions {
  /** Lines per second before the feed counts instead; MAX_LINES_PER_SECOND unless a test says otherwise. */
  maxLinesPerSecond?: number;
  /** How long the feed gathers lines before it sends them to a page, in ms. */
  batchMs?: number;
}

/** Listed peers per line; the rest are a number. */
const MAX_PEERS_LISTED = 20;

export function attachWire(io: Server, options: WireOptions = {}): () => void {
  const maxLines = options.maxLinesPerSecond ?? MAX_LINES_PER_SECOND;
  const batchMs = options.batchMs ?? 30;
  const subscribers = new Set<Subscriber>();
  const watched = new Map<Conn, () => void>();

  // ---- watching: only while a panel is connected --------------------------------------------
  const watch = (conn: Conn) => {
    if (watched.has(conn)) return;
    // The listeners run inside socket.io's own writes: whatever goes wrong here must not reach them.
    const onWrite = (packet: EnginePacket) => {
      try {
        see('out', conn, packet);
      } catch (error) {
        complain(error);
      }
    };
    const onRead = (packet: EnginePacket) => {
      try {
        see('in', conn, packet);
      } catch (error) {
        complain(error);
      }
    };
    const unwatch = () => {
      conn.off('packetCreate', onWrite);
      conn.off('packet', onRead);
      conn.off('close', unwatch);
      watched.delete(conn);
    };
    conn.on('packetCreate', onWrite);
    conn.on('packet', onRead);
    conn.on('close', unwatch);
    watched.set(conn, unwatch);
  };
  const engine = io.engine as unknown as {
    clients: Record<string, Conn>;
    on(e: 'connection', f: (c: Conn) => void): void;
    off(e: 'connection', f: (c: Conn) => void): void;
  };
  const startWatching = () => {
    for (const conn of Object.values(engine.clients)) watch(conn);
    engine.on('connection', watch);
  };
  const stopWatching = () => {
    engine.off('connection', watch);
    for (const unwatch of [...watched.values()]) unwatch();
  };

  // ---- seeing: group a tick's identical writes into one line ---------------------------------
  // Keyed by the packet's data: a broadcast hands every recipient the very same string, so the
  // key's hash is computed once. The text shown is built once per line, at the end of the tick.
  let tick: Seen[] = [];
  let openGroups = new Map<unknown, Seen[]>();
  const see = (dir: 'in' | 'out', conn: Conn, packet: EnginePacket) => {
    const { type, data } = packet;
    if (type === 'message' && isWirePacket(data)) return; // the panel's own traffic
    if (capped) return count(dir, type, data);
    const key = typeof data === 'string' ? data : typeof data === 'object' && data !== null ? data : type;
    const nsp = typeof data === 'string' && type === 'message' ? namespaceOf(data) : '/';
    if (dir === 'in') {
      if (!newLine()) return count(dir, type, data);
      tick.push({ t: Date.now(), w: windowStart, dir, type, data, peers: [[conn, nsp]] });
      return;
    }
    const groups = openGroups.get(key) ?? [];
    let group = groups.find((candidate) => !candidate.conns!.has(conn));
    if (!group) {
      if (!newLine()) return count(dir, type, data);
      group = { t: Date.now(), w: windowStart, dir, type, data, peers: [], conns: new Set() };
      groups.push(group);
      openGroups.set(key, groups);
      tick.push(group);
    }
    group.conns!.add(conn);
    group.peers.push([conn, nsp]);
  };

  // ---- the rate cap: a one-second window of at most maxLines lines -----------------------------
  // Over the cap, each packet costs one Map increment until the window ends; then the counts go
  // out per event, and lines resume.
  let windowStart = 0;
  let linesInWindow = 0;
  let capped = false;
  let countedIn = new Map<unknown, number>();
  let countedOut = new Map<unknown, number>();
  const count = (dir: 'in' | 'out', type: string, data: unknown, n = 1) => {
    const counted = dir === 'out' ? countedOut : countedIn;
    // A message's data starts with a digit, so "!ping" cannot be one.
    const key = type !== 'message' ? `!${type}` : typeof data === 'string' ? data : BINARY;
    counted.set(key, (counted.get(key) ?? 0) + n);
  };
  const cap = (now: number) => {
    capped = true;
    const w = windowStart;
    setTimeout(
      () => {
        capped = false;
        const counts: Record<string, number> = {};
        for (const [dir, counted] of [
          ['in', countedIn],
          ['out', countedOut],
        ] as const) {
          for (const [key, n] of counted) {
            const name =
              key === BINARY
                ? `${dir} binary attachment`
                : (key as string)[0] === '!'
                  ? `${dir} ${(key as string).slice(1)}`
                  : countKey(dir, `4${key as string}`);
            counts[name] = (counts[name] ?? 0) + n;
          }
        }
        countedIn = new Map();
        countedOut = new Map();
        for (const subscriber of subscribers) {
          subscriber.counts.push({ w, counts });
          scheduleSend(subscriber);
        }
      },
      Math.max(0, w + 1000 - now),
    );
  };
  /** May this packet be a line of its own? False once the window has its maxLines: then it is counted. */
  const newLine = () => {
    const now = Date.now();
    if (now - windowStart >= 1000) {
      windowStart = now;
      linesInWindow = 0;
    }
    if (linesInWindow >= maxLines) {
      cap(now);
      return false;
    }
    if (tick.length === 0) queueMicrotask(flushTick);
    linesInWindow += 1;
    return true;
  };
  const flushTick = () => {
    const seen = tick;
    tick = [];
    openGroups = new Map();
    for (const packet of seen) {
      const text = textOf(packet.type, packet.data);
      for (const subscriber of subscribers) queueLine(subscriber, packet, text);
    }
  };

  // ---- tailoring a line to one viewer: labels, and redaction of other people's secrets ----------
  const queueLine = (subscriber: Subscriber, packet: Seen, text: string) => {
    const others = packet.peers.filter(([conn]) => conn !== subscriber.own);
    const mine = others.length < packet.peers.length;
    const listed = others.slice(0, MAX_PEERS_LISTED);
    // "you" first: the audience reads "you, B, C".
    const peers = [...(mine ? ['you'] : []), ...listed.map(([conn, nsp]) => labelOf(conn, nsp))];
    const line: WireLine = {
      t: packet.t,
      side: 'server',
      dir: packet.dir,
      text: mine ? text : redact(text),
      peers,
      w: packet.w,
    };
    const bytes = byteLength(packet.data);
    if (bytes !== undefined) line.bytes = bytes;
    if (others.length > listed.length) line.morePeers = others.length - listed.length;
    subscriber.lines.push(line);
    scheduleSend(subscriber);
  };
  const scheduleSend = (subscriber: Subscriber) => {
    subscriber.timer ??= setTimeout(() => {
      subscriber.timer = undefined;
      const batch: WireBatch = { lines: subscriber.lines };
      if (subscriber.counts.length > 0) batch.counts = subscriber.counts;
      subscriber.lines = [];
      subscriber.counts = [];
      subscriber.socket.emit('wire', batch);
    }, batchMs);
  };

  /** A socket's short sid, with its username where the lab keeps one in socket.data. */
  const sockets = new WeakMap<Conn, Map<string, Socket>>();
  const labelOf = (conn: Conn, nsp: string): string => {
    let known = sockets.get(conn)?.get(nsp);
    if (!known?.connected || known.conn !== conn) {
      known = undefined;
      for (const socket of io._nsps.get(nsp)?.sockets.values() ?? []) {
        if (socket.conn === conn && socket.connected) known = socket;
      }
      if (!known) return nsp === '/' ? 'a connection' : `a connection, on ${nsp}`;
      if (!sockets.has(conn)) sockets.set(conn, new Map());
      sockets.get(conn)!.set(nsp, known);
    }
    const name = (known.data as { username?: unknown } | undefined)?.username;
    return `${known.id.slice(0, 6)}${typeof name === 'string' ? ` (${name})` : ''}`;
  };

  // ---- the namespace the panels connect to ----------------------------------------------------
  const wire = io.of(WIRE_NAMESPACE);
  wire.on('connection', (socket) => {
    const subscriber: Subscriber = { socket, own: socket.conn, lines: [], counts: [] };
    subscribers.add(subscriber);
    if (subscribers.size === 1) startWatching();
    socket.on('disconnect', () => {
      clearTimeout(subscriber.timer);
      subscribers.delete(subscriber);
      if (subscribers.size === 0) stopWatching();
    });
  });

  return () => {
    stopWatching();
    for (const subscriber of subscribers) clearTimeout(subscriber.timer);
    subscribers.clear();
  };
}

/** The counting key of every binary attachment. */
const BINARY = Symbol('binary attachment');

const byteLength = (data: unknown) =>
  typeof data === 'object' && data !== null ? (data as ArrayBufferLike | ArrayBufferView).byteLength : undefined;

/** The packet as the wire carries it: the Engine.IO digit, then the data; a binary attachment as its size. */
function textOf(type: string, data: unknown): string {
  const bytes = byteLength(data);
  if (bytes !== undefined) return `<${bytes} bytes>`;
  return `${ENGINE_TYPES[type] ?? '?'}${typeof data === 'string' ? data : ''}`;
}

let complained = false;
/** A failure is reported once, and never thrown into socket.io's write path. */
function complain(error: unknown) {
  if (!complained) console.error('The wire panel failed to record a packet (the lab is unaffected):', error);
  complained = true;
}
