// The page half of the wire panel: showWire(socket) shows every packet this page's connection
// sends and receives (socket.io-client's own engine hooks), and, from the /_wire namespace, what
// the server wrote and read, with each packet's audience. Plumbing only: the lab's code is untouched.
import type { Manager, Socket } from 'socket.io-client';
import {
  describe,
  ENGINE_TYPES,
  isWirePacket,
  WIRE_NAMESPACE,
  type AckMemory,
  type WireBatch,
  type WireCounts,
  type WireLine,
} from './protocol.ts';

/** Set by the page bundle: false when the lab runs with WIRE=0. */
declare const __LAB_WIRE__: boolean | undefined;

/** The page keeps at most this many lines. */
export const MAX_PAGE_LINES = 500;
const OPEN_KEY = 'wire:open';

interface EnginePacket {
  type: string;
  data?: unknown;
}
interface Engine {
  on(event: 'packetCreate' | 'packet', listener: (packet: EnginePacket) => void): void;
}
/** The parts of a Manager the panel touches that socket.io-client's types keep private. */
interface ManagerInside {
  engine?: Engine;
  nsps: Record<string, Socket>;
  open(fn?: (err?: Error) => void): unknown;
  _destroy(socket: Socket): void;
  _autoConnect: boolean;
  /** component-emitter's listeners, by '$' + event name. */
  _callbacks?: Record<string, Array<(...args: unknown[]) => void>>;
}

let panel: Panel | undefined;
const managers: Manager[] = [];
/** The page's connection whose /_wire socket is subscribed to the server's feed. */
let watcher: { watching(): boolean } | undefined;

/** Shows the wire panel at the bottom of the page, with this socket's connection in it. */
export function showWire(socket: { io: Manager }): void {
  if (typeof __LAB_WIRE__ !== 'undefined' && !__LAB_WIRE__) return;
  if (typeof document === 'undefined') return;
  panel ??= new Panel();
  const manager = socket.io;
  if (managers.includes(manager)) return;
  managers.push(manager);
  const conversation = `client#${managers.length}`;
  const inside = manager as unknown as ManagerInside;

  // The client side: every packet this connection's engine writes and reads. Each new engine
  // (a reconnect) is hooked as it is created, so even its open packet shows.
  const hooked = new WeakSet<Engine>();
  const hookEngine = () => {
    const engine = inside.engine;
    if (!engine || hooked.has(engine)) return;
    hooked.add(engine);
    engine.on('packetCreate', (packet) => panel!.addClient('out', packet, conversation));
    engine.on('packet', (packet) => panel!.addClient('in', packet, conversation));
  };
  hookEngine();
  manager.on('open', hookEngine);

  // The server side: a socket on /_wire over the same connection, so the server knows which
  // connection is this page's own (and shows its secrets to it alone). One connection of the page
  // watches at a time, so each server line comes once; another takes over when it is gone.
  // Created unconnected (a Manager would connect a new socket at once): connectWire() decides when.
  const autoConnect = inside._autoConnect;
  inside._autoConnect = false;
  const wire = manager.socket(WIRE_NAMESPACE);
  inside._autoConnect = autoConnect;
  const me = { watching: () => wire.active };
  const labSocketsActive = () => Object.values(inside.nsps).some((s) => s !== wire && s.active);
  const connectWire = () => {
    if (!panel!.isOpen() || wire.active || !labSocketsActive()) return;
    if (watcher && watcher !== me && watcher.watching()) return;
    watcher = me;
    wire.connect();
    // Its CONNECT goes out first when the connection opens, so the server is watching before the
    // lab's own CONNECT: a lab that talks on connection (lab 08's session) shows from its first packet.
    const onOpen = inside._callbacks?.$open;
    if (onOpen && onOpen.length > 1) onOpen.unshift(onOpen.pop()!);
  };
  const open = inside.open;
  inside.open = function (this: ManagerInside, fn) {
    const result = open.call(this, fn);
    hookEngine();
    connectWire();
    return result;
  };
  // The wire socket lives exactly as long as the lab's sockets: when the last one goes,
  // it goes too, so the connection closes when it would have without the panel.
  const destroy = inside._destroy;
  inside._destroy = function (this: ManagerInside, gone) {
    destroy.call(this, gone);
    if (gone !== wire && wire.active && !labSocketsActive()) wire.disconnect();
  };
  wire.on('connect', () => panel!.status('server: watching'));
  wire.on('disconnect', () => panel!.status('server: not watching'));
  wire.on('connect_error', () => panel!.status('server side unavailable'));
  wire.on('wire', (batch: WireBatch) => panel!.addServer(batch));
  // A folded panel stops watching, so the server's feed costs nothing until it is unfolded.
  panel.onFold((open) => (open ? connectWire() : wire.active && wire.disconnect()));
  connectWire();
}

class Panel {
  private readonly list: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly acks: AckMemory = new Map();
  private readonly foldListeners: ((open: boolean) => void)[] = [];
  private open = true;

  constructor() {
    const host = document.createElement('aside');
    host.id = 'wire-panel';
    host.setAttribute('aria-label', 'the wire: every packet');
    // A shadow root keeps the lab's CSS off the panel and the panel's off the lab.
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const section = document.createElement('section');
    const header = document.createElement('header');
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'toggle';
    const title = document.createElement('strong');
    title.textContent = 'The wire';
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.textContent = 'every packet, as encoded, on this page and on the server';
    const pingLabel = document.createElement('label');
    const pings = document.createElement('input');
    pings.type = 'checkbox';
    pings.className = 'pings';
    pingLabel.append(pings, ' ping/pong');
    this.statusLine = document.createElement('span');
    this.statusLine.className = 'status';
    header.append(toggle, title, hint, pingLabel, this.statusLine);
    this.list = document.createElement('div');
    this.list.className = 'lines';
    this.list.setAttribute('role', 'log');
    section.append(header, this.list);
    root.append(style, section);

    const setOpen = (open: boolean) => {
      this.open = open;
      section.dataset.open = String(open);
      toggle.textContent = open ? '▾ hide' : '▸ show';
      toggle.setAttribute('aria-expanded', String(open));
    };
    setOpen(readOpen());
    toggle.addEventListener('click', () => {
      const open = !this.open;
      setOpen(open);
      for (const listener of this.foldListeners) listener(open);
      try {
        localStorage.setItem(OPEN_KEY, String(open));
      } catch {}
    });
    pings.addEventListener('change', () => this.list.classList.toggle('show-pings', pings.checked));
    (document.body ?? document.documentElement).append(host);
  }

  isOpen() {
    return this.open;
  }

  onFold(listener: (open: boolean) => void) {
    this.foldListeners.push(listener);
  }

  status(text: string) {
    this.statusLine.textContent = text;
  }

  addClient(dir: 'in' | 'out', packet: EnginePacket, conversation: string) {
    const { data } = packet;
    if (packet.type === 'message' && isWirePacket(data)) return;
    const bytes = byteLength(data);
    const text =
      bytes !== undefined ? `<${bytes} bytes>` : `${ENGINE_TYPES[packet.type] ?? '?'}${typeof data === 'string' ? data : ''}`;
    const line: WireLine = { t: Date.now(), side: 'client', dir, text };
    if (bytes !== undefined) line.bytes = bytes;
    this.add(line, conversation, managers.length > 1 ? `connection ${conversation.slice(7)}` : undefined);
  }

  addServer(batch: WireBatch) {
    const rows = batch.lines.map((line) => this.row(line, `server|${line.peers?.[0] ?? ''}`));
    for (const counts of batch.counts ?? []) rows.push(this.countsRow(counts));
    this.append(...rows);
  }

  private add(line: WireLine, conversation: string, tag?: string) {
    this.append(this.row(line, conversation, tag));
  }

  private row(line: WireLine, conversation: string, tag?: string) {
    const row = document.createElement('div');
    row.dataset.wirePacket = '';
    row.dataset.side = line.side;
    row.dataset.dir = line.dir;
    if (line.text === '2' || line.text === '3') row.dataset.heartbeat = '';
    const cell = (className: string, text: string) => {
      const span = document.createElement('span');
      span.className = className;
      span.textContent = text;
      row.append(span);
      return span;
    };
    cell('time', clock(line.t));
    const who = line.side === 'client' ? 'page' : 'server';
    cell('where', `${who} ${line.dir === 'out' ? 'sent' : 'got'}${tag ? ` (${tag})` : ''}`);
    cell('packet', line.text);
    cell('meaning', describe(line, this.acks, conversation));
    if (line.peers) {
      const more = line.morePeers ? ` and ${line.morePeers} more` : '';
      cell('peers', `${line.dir === 'out' ? 'to' : 'from'} ${line.peers.join(', ')}${more}`);
    }
    return row;
  }

  private countsRow({ counts }: WireCounts) {
    const row = document.createElement('div');
    row.dataset.wireCounts = '';
    const parts = Object.entries(counts).map(([key, n]) => `${n} × ${key}`);
    row.textContent = `server, over 200 lines a second, so counted instead of listed: ${parts.join(', ')} packets`;
    return row;
  }

  private append(...rows: HTMLElement[]) {
    const list = this.list;
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.append(...rows.slice(-MAX_PAGE_LINES));
    while (list.childElementCount > MAX_PAGE_LINES) list.firstElementChild!.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  }
}

function readOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

function byteLength(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return data.size;
  const length = (data as { byteLength?: unknown }).byteLength;
  return typeof length === 'number' ? length : undefined;
}

const clock = (t: number) => new Date(t).toISOString().slice(11, 23);

const STYLE = `
:host { display: block; margin: 2rem 0 0; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; color: #222; }
section { border: 1px solid #ccd; border-radius: 6px; background: #fafbfd; }
header { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; padding: 0.3rem 0.6rem; border-bottom: 1px solid #e4e6ee; }
section[data-open='false'] header { border-bottom: 0; }
.toggle { font: inherit; padding: 0.1rem 0.5rem; cursor: pointer; }
.hint { color: #667; flex: 1; }
.status { color: #667; }
label { display: inline-flex; gap: 0.25rem; align-items: center; }
.lines { max-height: 40vh; overflow-y: auto; padding: 0.2rem 0; }
section[data-open='false'] .lines { display: none; }
[data-wire-packet] { display: grid; grid-template-columns: 7.5em 7em minmax(8em, 2fr) minmax(8em, 2fr); gap: 0 0.6rem; padding: 0.1rem 0.6rem; border-bottom: 1px solid #f0f1f5; }
[data-wire-packet][data-side='server'] { background: #f3f7f3; }
.lines:not(.show-pings) [data-heartbeat] { display: none; }
.time { color: #99a; }
.where { color: #557; }
.packet { word-break: break-all; color: #000; }
.meaning { color: #555; font-family: system-ui, sans-serif; }
.peers { grid-column: 3 / -1; color: #364; }
[data-wire-counts] { padding: 0.2rem 0.6rem; color: #a60; }
`;
