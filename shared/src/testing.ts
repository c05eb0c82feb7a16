// The checkpoint kit, in the spirit of socket.io's own test suite:
// servers on port 0, every client closed after each test, and "does not receive"
// proven with a barrier (a later event that must arrive first), never with a long sleep.
import type { JSDOM } from 'jsdom';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { io as ioClient, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Server } from 'socket.io';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './testing-chromium.ts';
import { startLabProcess, type LabProcess, type LabProcessOptions } from './lab-process.ts';
import { startLab, type RunningLab, type StartLabOptions } from './start-lab.ts';
import { isWirePacket } from './wire/protocol.ts';

export type AnySocket = Socket<any, any>;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by `npm run check`: the one Chromium of the run, for every browser checkpoint to connect to. */
    checkpointChromiumWs?: string;
  }
}

/**
 * How long a checkpoint waits for something that should happen. Generous: CI machines are slow.
 * `npm run check` shortens it (CHECKPOINT_WAIT_MS), so an unfinished TODO fails in seconds.
 */
export const EXPECT_WITHIN_MS = Number(process.env.CHECKPOINT_WAIT_MS) || 5000;

const openSockets = new Set<AnySocket>();
const openWindows = new Set<JSDOM>();

// jsdom is imported by the files that use it only (a file of server checkpoints never pays for it),
// and in a hook, before their first test: loading it counts against no checkpoint's time.
// biome-ignore lint/correctness/noEmptyPattern: vitest passes the suite second, and wants the first argument destructured
beforeAll(async ({}, suite) => {
  const file = (suite as { file?: { filepath?: string } } | undefined)?.file?.filepath;
  if (file?.includes('jsdom')) await import('jsdom');
});

afterEach(() => {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
  const closedPages = openWindows.size > 0;
  for (const dom of openWindows) dom.window.close();
  openWindows.clear();
  // A page closed while it still long-polled leaves a connection the server thinks alive until its ping
  // timeout (20 s), and quiet()'s pings to it would wait that long. A live page upgrades in milliseconds.
  if (closedPages) for (const conn of labConnections()) if (conn.transport?.name === 'polling') conn.close();
});

export interface ConnectOptions extends Partial<ManagerOptions & SocketOptions> {
  /** e.g. "/ceshi"; the default is "/". */
  namespace?: string;
}

/**
 * A socket.io-client for the lab, not yet connected, closed after the test. For a server that
 * talks as soon as a socket connects: attach listeners (or recordEvents) first, then socket.connect().
 */
export function createClient<S extends object = any, C extends object = any>(
  url: string,
  { namespace = '/', ...options }: ConnectOptions = {},
): Socket<S, C> {
  const socket = ioClient(new URL(namespace, url).href, {
    forceNew: true,
    reconnection: false,
    transports: ['websocket'],
    autoConnect: false,
    ...options,
  }) as Socket<S, C>;
  openSockets.add(socket);
  return socket;
}

/**
 * A socket.io-client connected to the lab, closed after the test.
 * Resolves once connected; rejects with the server's reason on connect_error.
 */
export async function connect<S extends object = any, C extends object = any>(
  url: string,
  options: ConnectOptions = {},
): Promise<Socket<S, C>> {
  const socket = createClient<S, C>(url, options);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
    socket.connect();
  });
  return socket;
}

/** A socket that is expected to be refused: resolves with the connect_error. */
export function connectError(url: string, options: ConnectOptions = {}): Promise<Error> {
  const socket = createClient(url, options);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('expected the connection to be refused, but it connected')));
    socket.once('connect_error', resolve);
    socket.connect();
  });
}

/**
 * A barrier: something that settles only after the event under test would have arrived, e.g. the
 * server's answer to a later emit (`ask(...)`), or `quiet`. A function is called at once.
 */
export type Barrier = PromiseLike<unknown> | (() => PromiseLike<unknown>);

export interface WaitOptions<T = any> {
  /**
   * Fail as soon as this barrier has settled (and every in-process lab has gone quiet) without the
   * event: a missing event is reported in milliseconds instead of after the timeout. A waitFor on the
   * same socket is proof by order alone, so it serves for a lab in another process too (see waitFor).
   */
  before?: Barrier;
  /** The last resort, where no barrier exists: EXPECT_WITHIN_MS. */
  timeoutMs?: number;
  /** Who is waiting, for the failure's sentence: "the other client" (default: the socket's id). */
  who?: string;
  /** Only an event whose arguments pass this counts; the others are let by: `where: (m) => m.text === 'hi'`. */
  where?: (value: T, ...rest: any[]) => boolean;
  /** The awaited event in words, for the failure's sentence and when it serves as a barrier: "ana's second message". */
  what?: string;
}

const waitOptions = <T>(options: number | WaitOptions<T> = {}): WaitOptions<T> =>
  typeof options === 'number' ? { timeoutMs: options } : options;

/** Marks a waitFor's promise with its socket: as a barrier for a wait on that same socket, order alone is proof. */
const RECEIVED_ON = Symbol('received on');

/** What a barrier is, in words: "the server's answer to "chat"". */
function describeBarrier(barrier: Barrier): string {
  const what = (barrier as { what?: unknown }).what;
  return typeof what === 'string' ? what : 'the server and every client went quiet';
}

/**
 * Settles when `barrier` has, and then every in-process lab has gone quiet: the moment after which
 * an event or a page update that has not come is not coming. Resolves with a description.
 */
async function barrierPassed(barrier: Barrier, socket?: AnySocket): Promise<string | undefined> {
  const promise = typeof barrier === 'function' ? barrier() : barrier;
  const what = describeBarrier(promise === barrier ? barrier : (promise as Barrier));
  // An event on the same socket: socket.io delivers one connection's packets in order, nothing else to wait for.
  if (socket !== undefined && receivedOn(promise) === socket) {
    return Promise.resolve(promise).then(
      () => what,
      () => undefined,
    );
  }
  await Promise.resolve(promise).then(
    () => undefined,
    () => undefined,
  );
  if ((promise as { [ORDERED]?: boolean })[ORDERED]) return what;
  // Without quiet() the barrier proves nothing (no lab in sight): the timeout decides.
  if (!(promise as { [QUIET]?: boolean })[QUIET]) {
    if (
      !(await quiet().then(
        () => true,
        () => false,
      ))
    )
      return undefined;
  } else if (
    !(await Promise.resolve(promise).then(
      () => true,
      () => false,
    ))
  ) {
    return undefined;
  }
  return what;
}
const QUIET = Symbol('quiet');
/** Marks a barrier that proves order on its own (a round trip on the socket's own connection): no quiet() needed. */
const ORDERED = Symbol('ordered');
/** Whether a barrier proves order by itself: a roundTrip(), not a function that would make one. */
const isOrdered = (barrier: Barrier) => typeof barrier !== 'function' && Boolean((barrier as { [ORDERED]?: boolean })[ORDERED]);

let probes = 0;
/** One CONNECT to a namespace nobody serves, on `socket`'s connection; resolves at its CONNECT_ERROR. */
function probe(socket: AnySocket): Promise<void> {
  // A namespace of its own: the Manager keeps one socket per namespace, so two probes sharing one
  // would each take the other's answer, and a round trip could end at an answer to an older CONNECT.
  const nobody = socket.io.socket(`/_round-trip-${++probes}`, {});
  return new Promise<void>((resolve) => {
    const done = () => {
      nobody.off('connect', done);
      nobody.off('connect_error', done);
      nobody.disconnect();
      resolve();
    };
    nobody.on('connect', done);
    nobody.on('connect_error', done);
    nobody.connect();
  });
}

/**
 * A round trip on `socket`'s own connection, for a lab out of quiet()'s sight (another process, an
 * old client). The server handles a connection's packets in order but runs event handlers a tick
 * later (process.nextTick), after it has answered a CONNECT at once: so two CONNECTs to a namespace
 * nobody serves, one after the other. By the second answer every handler for what came before has
 * run, and what it sent at once is here. (A handler that awaits something is not covered: use ask().)
 */
export function roundTrip(socket: AnySocket): Promise<void> & { what: string } {
  const answered = probe(socket).then(() => probe(socket));
  return Object.assign(answered, { what: 'a round trip on the same connection', [ORDERED]: true });
}

const receivedOn = (barrier: unknown): AnySocket | undefined =>
  (barrier as { [RECEIVED_ON]?: AnySocket } | undefined)?.[RECEIVED_ON];

/**
 * The first argument of the next `event` on `socket` (with `where`, the next that passes it). With
 * `{ before: barrier }` it fails as soon as the barrier has passed without the event; otherwise,
 * clearly, after EXPECT_WITHIN_MS. The barrier may be another waitFor on the same socket, for an
 * event sent after this one on the same road (e.g. a later message from the same node): once it is
 * here, this one is not coming. That holds for a lab in another process too, where quiet() is blind.
 */
export function waitFor<T = any>(
  socket: AnySocket,
  event: string,
  options?: number | WaitOptions<T>,
): Promise<T> & { what: string } {
  const args = waitForArgs(socket, event, options);
  return Object.assign(handled(args.then((values) => values[0] as T)), { what: args.what, [RECEIVED_ON]: socket });
}

/** Every argument of the next `event` on `socket` (the same options as waitFor; `where` gets them all). */
export function waitForArgs(
  socket: AnySocket,
  event: string,
  options?: number | WaitOptions,
): Promise<unknown[]> & { what: string } {
  const { before, timeoutMs = EXPECT_WITHIN_MS, who: name, where, what: described } = waitOptions(options);
  const what = described ?? `"${event}"`;
  const who = () => name ?? `socket ${socket.id ?? '(not connected)'}`;
  const promise = handled(
    new Promise<unknown[]>((resolve, reject) => {
      let done = false;
      const finish = (error?: Error, args?: unknown[]) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.off(event, listener);
        if (error) reject(error);
        else resolve(args!);
      };
      const timer = setTimeout(() => finish(new Error(`${who()} did not receive ${what} within ${timeoutMs} ms`)), timeoutMs);
      const listener = (...args: unknown[]) => {
        if (!where || (where as (...values: unknown[]) => boolean)(...args)) finish(undefined, args);
      };
      socket.on(event, listener);
      // A socket of a lab this file runs in another process is out of quiet()'s sight: a roundTrip(), an event on the same socket, or time.
      if (before !== undefined && (onWatchedServer(socket) || isOrdered(before) || receivedOn(before) === socket)) {
        void barrierPassed(before, socket).then((passed) => {
          // Events already delivered run their listeners first: a packet that came is handled by now.
          if (passed)
            setImmediate(() => finish(new Error(`expected ${who()} to receive ${what}, but it got nothing before ${passed}`)));
        });
      }
    }),
  );
  return Object.assign(promise, { what: `${what} reached ${who()}` });
}

/**
 * A wait that fails while the test is already failing on something else must not also count as an
 * unhandled rejection: the test that awaits it still gets the error.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * emitWithAck that fails the checkpoint clearly when the server never answers. The promise is also a
 * barrier for waitFor/eventually (\`{ before: ask(...) }\`): the answer comes after anything the
 * handler sent first.
 */
export function ask(socket: AnySocket, event: string, ...args: unknown[]): Promise<any> & { what: string } {
  const answer = new Promise<any>((resolve, reject) => {
    let answered = false;
    socket.timeout(EXPECT_WITHIN_MS).emit(event, ...args, (error: Error | null, reply: unknown) => {
      if (answered) return;
      answered = true;
      if (error) reject(new Error(`the server did not answer "${event}" within ${EXPECT_WITHIN_MS} ms`));
      else resolve(reply);
    });
    // An in-process lab that has handled the emit and gone quiet will not answer any more.
    if (onWatchedServer(socket)) {
      void quiet().then(
        () => {
          if (answered) return;
          answered = true;
          reject(new Error(`the server did not answer "${event}": it handled the event and went quiet without calling the ack`));
        },
        () => undefined,
      );
    }
  });
  return Object.assign(handled(answer), { what: `the server's answer to "${event}"` });
}

/**
 * Resolves with the next socket that connects to `io` on `namespace`: call it before opening a page,
 * await it after, and quiet() then sees the page (a page still connecting is invisible to it).
 */
export function nextConnection(
  io: {
    of(namespace: string): {
      on(event: 'connection', listener: (socket: any) => void): unknown;
      off(event: string, listener: (...args: any[]) => void): unknown;
    };
  },
  namespace = '/',
  count = 1,
): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const nsp = io.of(namespace);
    let seen = 0;
    // Generous: the first page of a file also pays for loading jsdom or a browser tab, and no TODO
    // stands between a page and its connection.
    const timeoutMs = 3 * EXPECT_WITHIN_MS;
    const timer = setTimeout(() => {
      nsp.off('connection', onConnection);
      reject(new Error(`expected ${count} new connection(s) on "${namespace}", but ${seen} came within ${timeoutMs} ms`));
    }, timeoutMs);
    const onConnection = (socket: { id: string }) => {
      if (++seen < count) return;
      clearTimeout(timer);
      nsp.off('connection', onConnection);
      resolve(socket);
    };
    nsp.on('connection', onConnection);
  });
}

/**
 * Resolves at the next engine.io handshake `io` receives, even one its middleware will refuse:
 * await it after a page starts connecting, and quiet() then sees that connection.
 */
export function nextHandshake(io: { engine: { once(event: 'connection', listener: () => void): unknown } }): Promise<void> {
  return new Promise((resolve) => io.engine.once('connection', () => resolve()));
}

/** ask() for an answer that must be `{ ok: true, … }`: a refusal fails the checkpoint, quoting the server's error. */
export async function askOk(socket: AnySocket, event: string, ...args: unknown[]): Promise<any> {
  const answer = await ask(socket, event, ...args);
  if (answer?.ok !== true)
    throw new Error(`expected ${event} to answer { ok: true }, the server answered ${JSON.stringify(answer)}`);
  return answer;
}

/** Records every event the socket receives, in order, as [event, ...args]. */
export function recordEvents(socket: AnySocket): unknown[][] {
  const heard: unknown[][] = [];
  socket.onAny((event: string, ...args: unknown[]) => heard.push([event, ...args]));
  return heard;
}

/**
 * Proves that `socket` hears none of `events` while `barrier` runs.
 * The barrier must end with something this same socket receives after the events would have:
 * socket.io delivers a connection's packets in order, so once the barrier's event is here,
 * anything sent before it would be here too. An ack to this socket's own emit works as a barrier.
 */
export async function expectSilence(
  socket: AnySocket,
  events: string | string[],
  barrier: () => Promise<unknown>,
  /** Who must stay silent, for the failure's sentence: "the typist". */
  who?: string,
): Promise<void> {
  const watched = new Set(Array.isArray(events) ? events : [events]);
  const heard: unknown[][] = [];
  const listener = (event: string, ...args: unknown[]) => {
    if (watched.has(event)) heard.push([event, ...args]);
  };
  socket.onAny(listener);
  try {
    await barrier();
  } finally {
    socket.offAny(listener);
  }
  if (heard.length > 0) {
    const got = heard.map(
      ([event, ...args]) => `"${event}"${args.length ? ` with ${JSON.stringify(args.length === 1 ? args[0] : args)}` : ''}`,
    );
    throw new Error(
      `expected ${who ?? `socket ${socket.id}`} to receive no ${[...watched].map((e) => `"${e}"`).join(' or ')}, but it received ${got.join(', then ')}`,
    );
  }
}

/**
 * Polls `check` until it returns a truthy value: for waiting on the DOM, not for proving absence.
 * `what` may be a function, to describe the state at the moment it failed.
 * With `{ before: barrier }` (e.g. `before: quiet`, after a click) it fails as soon as the barrier
 * has passed and the check is still false; otherwise after EXPECT_WITHIN_MS.
 */
export async function eventually<T>(
  check: () => T,
  what: string | (() => string),
  options?: number | WaitOptions,
): Promise<NonNullable<T>> {
  const { before, timeoutMs = EXPECT_WITHIN_MS } = waitOptions(options);
  const describe = () => (typeof what === 'function' ? what() : what);
  const deadline = Date.now() + timeoutMs;
  let passed: string | undefined;
  if (before !== undefined) void barrierPassed(before).then((barrier) => (passed = barrier));
  for (;;) {
    const settled = passed;
    const value = check();
    if (value) return value as NonNullable<T>;
    if (settled !== undefined) throw new Error(`expected ${describe()}, but it did not happen before ${settled}`);
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// --- quiet(): the barrier over every connection of every lab this test file started in-process.
// socket.io keeps the order of packets on one connection. When the server pings a client and
// the pong comes back, that client has handled everything the server sent it before, and the
// server has handled everything the client sent before the pong. Once a full round of pings
// passes with no other packet, HTTP request or connection anywhere, nothing more is on its way.
// (A handler that waits on something outside, e.g. Redis or a timer, is not covered: use ask().)
type EngineConn = {
  readyState: string;
  transport?: { name: string };
  close(): void;
  pingTimeoutTimer?: unknown;
  sendPacket(type: string): void;
  on(event: string, listener: (...args: any[]) => void): void;
  off(event: string, listener: (...args: any[]) => void): void;
};
const quietServers = new Set<Server>();
let traffic = 0;
let requestsInFlight = 0;

/** Lets quiet() see this server's connections; useLab does it for the labs it starts. */
export function watchForQuiet(io: Server): () => void {
  // The wire panel's own feed is not the lab's traffic: it reports quiet()'s pings, so counting it would never end.
  const countPacket = (packet: { type: string; data?: unknown }) => {
    if (packet.type === 'ping' || packet.type === 'pong') return;
    if (isWirePacket(packet.data)) return;
    traffic += 1;
  };
  const onConnection = (conn: EngineConn) => {
    traffic += 1;
    conn.on('packet', countPacket);
    conn.on('packetCreate', countPacket);
  };
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    // A long poll is not news in itself (its packets count above), and each ping round brings one: only the page's files count.
    if (request.url?.startsWith('/socket.io/')) return;
    traffic += 1;
    requestsInFlight += 1;
    response.once('close', () => {
      requestsInFlight -= 1;
      traffic += 1;
    });
  };
  io.engine.on('connection', onConnection);
  io.httpServer?.on('request', onRequest);
  quietServers.add(io);
  return () => {
    quietServers.delete(io);
    io.engine.off('connection', onConnection);
    io.httpServer?.off('request', onRequest);
  };
}

/** Whether quiet() sees this client's connection: its lab was started by useLab() in this file. */
function onWatchedServer(socket: AnySocket): boolean {
  const id = (socket.io.engine as { id?: string } | undefined)?.id;
  return [...quietServers].some((io) => id !== undefined && id in (io.engine as unknown as { clients: object }).clients);
}

/** Callers that ask for a round before it starts share it: one ping per connection, not one per waiter. */
let nextRound: Promise<void> | undefined;
function pingRound(): Promise<void> {
  nextRound ??= new Promise((resolve) => setImmediate(resolve)).then(() => {
    nextRound = undefined;
    return pingEveryConnection();
  });
  return nextRound;
}

/** Every open connection of the labs quiet() sees. */
const labConnections = () =>
  [...quietServers].flatMap((io) => Object.values((io.engine as unknown as { clients: Record<string, EngineConn> }).clients));

/** One ping to every open connection; settles when each has answered (or closed). */
function pingEveryConnection(): Promise<void> {
  const conns = labConnections();
  return Promise.all(
    conns.map(
      (conn) =>
        new Promise<void>((resolve) => {
          if (conn.readyState !== 'open') return resolve();
          // A ping the server sent on its own schedule may still await its pong: that pong comes first.
          let pongs = conn.pingTimeoutTimer ? 2 : 1;
          const done = () => {
            conn.off('packet', onPacket);
            conn.off('close', done);
            resolve();
          };
          const onPacket = (packet: { type: string }) => {
            if (packet.type === 'pong' && --pongs === 0) done();
          };
          conn.on('packet', onPacket);
          conn.on('close', done);
          conn.sendPacket('ping');
        }),
    ),
  ).then(() => undefined);
}

/**
 * Resolves once every client of the in-process labs has handled everything sent to it, and nothing
 * else is moving: a barrier for "the event or page update that has not come is not coming".
 * Use it as `eventually(check, what, { before: quiet })` or `waitFor(socket, event, { before: quiet })`.
 */
export function quiet(): Promise<void> {
  const promise = (async () => {
    if (quietServers.size === 0) throw new Error('quiet() needs a lab started by useLab() in this test file');
    const deadline = Date.now() + EXPECT_WITHIN_MS;
    for (let round = 0; ; round += 1) {
      const before = traffic;
      await pingRound();
      if (round >= 1 && traffic === before && requestsInFlight === 0) return;
      if (Date.now() > deadline) throw new Error(`the labs did not go quiet within ${EXPECT_WITHIN_MS} ms`);
    }
  })();
  return Object.assign(promise, { what: 'the server and every client went quiet', [QUIET]: true });
}

/**
 * Starts the lab on a free port before the file's tests and closes it after them.
 * `lab.url` is ready inside tests.
 */
export function useLab<C extends object, S extends object>(options: StartLabOptions<C, S>) {
  const handle = {} as RunningLab<C, S>;
  let unwatch = () => {};
  beforeAll(async () => {
    Object.assign(handle, await startLab({ ...options, port: 0 }));
    unwatch = watchForQuiet(handle.io as unknown as Server);
  });
  afterAll(() => {
    unwatch();
    return handle.close?.();
  });
  return handle;
}

/**
 * The lab's src/main.ts in a process of its own, started before the file's tests and stopped
 * after them: for checkpoints that must see a real crash, which a test worker would swallow.
 */
export function useLabProcess(options: LabProcessOptions) {
  const handle = {} as LabProcess;
  beforeAll(async () => {
    Object.assign(handle, await startLabProcess(options));
  });
  afterAll(() => handle.stop?.());
  return handle;
}

/**
 * jsdom has no layout, so it never implemented innerText, and `line.innerText = 'hi'` would leave the
 * line empty there while it works in a browser. Without layout, textContent is what it means.
 */
function polyfillInnerText(window: JSDOM['window']) {
  const proto = window.HTMLElement.prototype;
  if (Object.getOwnPropertyDescriptor(proto, 'innerText')) return;
  Object.defineProperty(proto, 'innerText', {
    configurable: true,
    get(this: HTMLElement) {
      return this.textContent ?? '';
    },
    set(this: HTMLElement, value: unknown) {
      this.textContent = String(value);
    },
  });
}

/** The real page in jsdom, loaded from the running server with its scripts executed. */
export async function openPage(url: string): Promise<JSDOM> {
  // Imported here, not at the top: a file of server checkpoints never pays for jsdom.
  const { JSDOM, VirtualConsole } = await import('jsdom');
  // The page's console goes to ours, and an exception in it as "page error:" with its stack, for check.
  const virtualConsole = new VirtualConsole().forwardTo(console, { jsdomErrors: 'none' });
  virtualConsole.on('jsdomError', (jsdomError: Error) => {
    const error = jsdomError as Error & { type?: string; cause?: Error };
    if (error.type === 'unhandled-exception' && error.cause) console.error(pageError(error.cause));
    else console.error(error.message);
  });
  const dom = await JSDOM.fromURL(url, {
    virtualConsole,
    runScripts: 'dangerously',
    resources: 'usable',
    pretendToBeVisual: true,
    beforeParse: polyfillInnerText,
  });
  openWindows.add(dom);
  await new Promise<void>((resolve, reject) => {
    if (dom.window.document.readyState === 'complete') return resolve();
    dom.window.addEventListener('load', () => resolve());
    dom.window.addEventListener('error', (event) => reject(event.error));
  });
  return dom;
}

/** The texts of every element matching `selector`, in document order. */
export function textsOf(
  root: { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> },
  selector: string,
): string[] {
  return Array.from(root.querySelectorAll(selector), (element) => element.textContent ?? '');
}

/** A real browser is slower to start and render than a node client. */
export const CHROMIUM_WITHIN_MS = 2 * EXPECT_WITHIN_MS;

export { chromiumPath };
/** Put it in an error a checkpoint provokes on purpose (a failing database): check then never blames the learner's code. */
export { PROVOKED } from './checkpoints.ts';

/**
 * Waits until a Playwright locator matches a visible element, and says `what` when it does not:
 * with `{ before: quiet }` as soon as the barrier has passed, else after CHROMIUM_WITHIN_MS.
 */
export async function shows(locator: Locator, what: string, options?: number | WaitOptions): Promise<void> {
  const { before, timeoutMs = CHROMIUM_WITHIN_MS } = waitOptions(options);
  const deadline = Date.now() + timeoutMs;
  let passed: string | undefined;
  if (before !== undefined) void barrierPassed(before).then((barrier) => (passed = barrier));
  for (;;) {
    const settled = passed;
    if (await locator.first().isVisible()) return;
    if (settled !== undefined) throw new Error(`expected the page to show ${what}, but it did not before ${settled}`);
    if (Date.now() > deadline) throw new Error(`expected the page to show ${what}, but it did not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An exception in a page as check reads it: "page error: <message>", then its frames (…/main.js:line:column). */
const pageError = (error: Error) =>
  `page error: ${error.message}\n${(error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n')}`;

/** Launches Debian's headless Chromium once per test file. Never downloads a browser. */
export function useChromium() {
  const handle = {} as { browser: Browser; newPage(url: string): Promise<Page> };
  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `Chromium is needed for this checkpoint and was not found at ${chromiumPath}.\n` +
          `Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.`,
      );
    }
    // `npm run check` starts one browser for the whole run: connecting takes milliseconds, a launch a second.
    const shared = inject('checkpointChromiumWs');
    const { chromium } = await import('playwright-core');
    handle.browser = shared
      ? await chromium.connect(shared)
      : await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    handle.newPage = async (url: string) => {
      const page = await handle.browser.newPage();
      // Playwright would wait 30 s for a missing element; a checkpoint should fail sooner and say why.
      page.setDefaultTimeout(CHROMIUM_WITHIN_MS);
      page.on('pageerror', (error) => console.error(pageError(error)));
      await page.goto(url);
      return page;
    };
  });
  afterAll(() => handle.browser?.close());
  return handle;
}

/** A fresh temporary folder for the test file (a real SQLite file lives here), removed afterwards. */
export function useTempDir(prefix = 'socket-io-labs-') {
  const handle = { path: '' };
  beforeAll(() => {
    handle.path = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(handle.path, { recursive: true, force: true }));
  return handle;
}
