// The wire panel's shared vocabulary, for the server feed and the page alike (no node imports).
// A packet is shown exactly as Engine.IO writes it: one digit for the Engine.IO type, then, for a
// message, the Socket.IO packet inside it, e.g. 42["message","hi"] is message(4) + EVENT(2).

/** The panel's own namespace: never shown in the feed. */
export const WIRE_NAMESPACE = '/_wire';

/** Engine.IO packet types, as their digit on the wire. */
export const ENGINE_TYPES: Record<string, string> = {
  open: '0',
  close: '1',
  ping: '2',
  pong: '3',
  message: '4',
  upgrade: '5',
  noop: '6',
};

/** What stands in for a secret the viewer may not see. */
export const REDACTED = '•••';

/** Above this many lines per second, the feed sends counts per event instead of lines. */
export const MAX_LINES_PER_SECOND = 200;

/** One packet as the panel shows it. `text` is the encoded packet; `bytes` is set for a binary attachment. */
export interface WireLine {
  /** Milliseconds since the epoch, on the side that saw it. */
  t: number;
  side: 'client' | 'server';
  dir: 'in' | 'out';
  text: string;
  bytes?: number;
  /** Server lines: who received it (out) or who sent it (in), as short sids, "you" first if it was you. */
  peers?: string[];
  /** How many more peers there were than are listed. */
  morePeers?: number;
  /** The rate-cap window this line belongs to (server lines). */
  w?: number;
}

/** What the feed sends instead of lines in a window that went over MAX_LINES_PER_SECOND. */
export interface WireCounts {
  /** The window's start, as in WireLine.w. */
  w: number;
  /** e.g. { "out message": 1834, "in message": 611 } */
  counts: Record<string, number>;
}

export interface WireBatch {
  lines: WireLine[];
  counts?: WireCounts[];
}

/** The Socket.IO packet inside an Engine.IO message, taken apart. */
export interface SocketPacket {
  type: number;
  attachments: number;
  nsp: string;
  id?: number;
  /** The JSON text after the header, possibly empty. */
  json: string;
}

/** Splits `2/ceshi,1["x"]` into its parts, as socket.io-parser reads it. */
export function parseSocketPacket(data: string): SocketPacket | undefined {
  const type = data.charCodeAt(0) - 48;
  if (!(type >= 0 && type <= 6)) return undefined;
  let i = 1;
  let attachments = 0;
  if (type === 5 || type === 6) {
    const dash = data.indexOf('-', i);
    if (dash < 0) return undefined;
    attachments = Number(data.slice(i, dash));
    i = dash + 1;
  }
  let nsp = '/';
  if (data[i] === '/') {
    const comma = data.indexOf(',', i);
    const end = comma < 0 ? data.length : comma;
    nsp = data.slice(i, end);
    i = comma < 0 ? end : end + 1;
  }
  let digits = '';
  while (i < data.length && data.charCodeAt(i) >= 48 && data.charCodeAt(i) <= 57) digits += data[i++];
  return { type, attachments, nsp, id: digits === '' ? undefined : Number(digits), json: data.slice(i) };
}

/** The namespace a Socket.IO packet is for: cheap, for filtering every packet. */
export function namespaceOf(data: string): string {
  let i = 1;
  const type = data.charCodeAt(0) - 48;
  if (type === 5 || type === 6) i = data.indexOf('-') + 1;
  if (data[i] !== '/') return '/';
  const comma = data.indexOf(',', i);
  return data.slice(i, comma < 0 ? data.length : comma);
}

/** Is this Engine.IO message data a packet of the panel's own namespace? O(1). */
export function isWirePacket(data: unknown): boolean {
  return typeof data === 'string' && data.startsWith(WIRE_NAMESPACE, 1) && data[1 + WIRE_NAMESPACE.length] === ',';
}

/** An event packet's name, cheaply: what the rate cap counts by. */
export function countKey(dir: 'in' | 'out', text: string): string {
  if (text[0] !== '4') return `${dir} ${engineName(text[0])}`;
  const packet = parseSocketPacket(text.slice(1));
  if (!packet) return `${dir} message`;
  if (packet.type === 2 || packet.type === 5) {
    const name = /^\["((?:[^"\\]|\\.)*)"/.exec(packet.json)?.[1];
    return `${dir} ${name ?? 'event'}`;
  }
  return `${dir} ${SOCKET_TYPE_NAMES[packet.type] ?? 'message'}`;
}

const SOCKET_TYPE_NAMES = ['CONNECT', 'DISCONNECT', 'EVENT', 'ACK', 'CONNECT_ERROR', 'BINARY_EVENT', 'BINARY_ACK'];
const engineName = (digit: string | undefined) =>
  Object.keys(ENGINE_TYPES).find((name) => ENGINE_TYPES[name] === digit) ?? 'packet';

/** Keys whose values are secrets in this course's labs (a session id is a login). */
const SECRET_KEY = /session|token|secret|passw|cookie|^pid$/i;

/**
 * The packet as someone else may see it: handshake auth values, private ids and anything under a
 * secret-looking key become "•••". Returns `text` itself when there is nothing to hide.
 */
export function redact(text: string): string {
  if (text[0] === '0') return text.replace(/"sid":"[^"]*"/, `"sid":"${REDACTED}"`); // the engine.io sid lets you speak for that connection
  if (text[0] !== '4') return text;
  const packet = parseSocketPacket(text.slice(1));
  if (!packet || packet.json === '') return text;
  let value: unknown;
  try {
    value = JSON.parse(packet.json);
  } catch {
    return text;
  }
  let changed = false;
  const hide = (node: unknown, everything: boolean): unknown => {
    if (Array.isArray(node)) return node.map((child) => hide(child, false));
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (everything || SECRET_KEY.test(key)) {
        copy[key] = REDACTED;
        changed = true;
      } else copy[key] = hide(child, false);
    }
    return copy;
  };
  // A CONNECT from a client carries its handshake auth: every value of it is private.
  const fromClientConnect = packet.type === 0 && !(typeof value === 'object' && value !== null && 'sid' in value);
  const hidden = hide(value, fromClientConnect);
  if (!changed) return text;
  return text.slice(0, text.length - packet.json.length) + JSON.stringify(hidden);
}

/** Memory for describe(): which event each pending ack id was for. */
export type AckMemory = Map<string, string>;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const nspSuffix = (nsp: string) => (nsp === '/' ? '' : ` on ${nsp}`);

/**
 * The packet in words: "event `message` with 1 argument", "ack 1 for your `json`",
 * "connect to namespace /ceshi". `acks` pairs each ack with the event that asked for it.
 */
export function describe(line: Pick<WireLine, 'side' | 'dir' | 'text' | 'bytes'>, acks: AckMemory, conversation = ''): string {
  if (line.bytes !== undefined) return `binary attachment, ${plural(line.bytes, 'byte')}`;
  const { text, side, dir } = line;
  // "you" is this page: what the client sent, or what the server received from this page.
  switch (text[0]) {
    case '0':
      return 'Engine.IO open: the server names this connection (sid) and sets the ping interval';
    case '1':
      return 'Engine.IO close';
    case '2':
      return text === '2probe'
        ? 'ping probe: testing the WebSocket before upgrading'
        : 'ping: the server checks the connection is alive';
    case '3':
      return text === '3probe' ? 'pong probe: the WebSocket works' : 'pong: the client answers the ping';
    case '5':
      return 'upgrade: from now on this connection uses the WebSocket';
    case '6':
      return 'noop: ends a pending long-polling request';
    case '4':
      break;
    default:
      return 'an unknown packet';
  }
  const packet = parseSocketPacket(text.slice(1));
  if (!packet) return 'a message that is not a Socket.IO packet';
  const where = nspSuffix(packet.nsp);
  const key = (id: number) => `${conversation}|${packet.nsp}|${id}`;
  let args: unknown[] = [];
  try {
    const value = packet.json === '' ? undefined : JSON.parse(packet.json);
    if (Array.isArray(value)) args = value;
  } catch {
    return 'a Socket.IO packet whose JSON does not parse';
  }
  // Who asked: the client's events go out from the page and in at the server.
  const clientAsked = (side === 'client') === (dir === 'out');
  switch (packet.type) {
    case 0:
      return clientAsked ? `connect to namespace ${packet.nsp}` : `connected to namespace ${packet.nsp}: here is your sid`;
    case 1:
      return `disconnect from namespace ${packet.nsp}`;
    case 2:
    case 5: {
      const [name, ...rest] = args;
      const binary = packet.type === 5 ? `binary event` : 'event';
      let words = `${binary} \`${String(name)}\` with ${plural(rest.length, 'argument')}${where}`;
      if (packet.attachments) words += `, ${plural(packet.attachments, 'attachment')} after it`;
      if (packet.id !== undefined) {
        acks.set(key(packet.id), String(name));
        words += `, asking for ack ${packet.id}`;
      }
      return words;
    }
    case 3:
    case 6: {
      const event = packet.id === undefined ? undefined : acks.get(key(packet.id));
      if (packet.id !== undefined) acks.delete(key(packet.id));
      const whose = side === 'client' && dir === 'in' ? 'your ' : '';
      return `ack ${packet.id ?? '?'} for ${whose}${event ? `\`${event}\`` : 'an earlier emit'}${where}`;
    }
    case 4:
      return `connection to namespace ${packet.nsp} refused`;
    default:
      return 'a Socket.IO packet';
  }
}
