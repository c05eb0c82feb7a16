// The checkpoint kit, in the spirit of socket.io's own test suite:
// servers on port 0, every client closed after each test, and "does not receive"
// proven with a barrier (a later event that must arrive first), never with a long sleep.
import { JSDOM } from 'jsdom';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { io as ioClient, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startLabProcess, type LabProcess, type LabProcessOptions } from './lab-process.ts';
import { startLab, type RunningLab, type StartLabOptions } from './start-lab.ts';

export type AnySocket = Socket<any, any>;

/**
 * How long a checkpoint waits for something that should happen. Generous: CI machines are slow.
 * `npm run check` shortens it (CHECKPOINT_WAIT_MS), so an unfinished TODO fails in seconds.
 */
export const EXPECT_WITHIN_MS = Number(process.env.CHECKPOINT_WAIT_MS) || 5000;

const openSockets = new Set<AnySocket>();
const openWindows = new Set<JSDOM>();

afterEach(() => {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
  for (const dom of openWindows) dom.window.close();
  openWindows.clear();
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

/** The first argument of the next `event` on `socket`, or a clear failure after EXPECT_WITHIN_MS. */
export function waitFor<T = any>(socket: AnySocket, event: string, timeoutMs = EXPECT_WITHIN_MS): Promise<T> {
  return waitForArgs(socket, event, timeoutMs).then((args) => args[0] as T);
}

/** Every argument of the next `event` on `socket`. */
export function waitForArgs(socket: AnySocket, event: string, timeoutMs = EXPECT_WITHIN_MS): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`socket ${socket.id ?? '(not connected)'} did not receive "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: unknown[]) => {
      clearTimeout(timer);
      resolve(args);
    };
    socket.once(event, listener);
  });
}

/** emitWithAck that fails the checkpoint clearly when the server never answers. */
export function ask(socket: AnySocket, event: string, ...args: unknown[]): Promise<any> {
  return socket.timeout(EXPECT_WITHIN_MS).emitWithAck(event, ...args);
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
    throw new Error(
      `expected socket ${socket.id} to receive none of ${[...watched].join(', ')}, but it got ${JSON.stringify(heard)}`,
    );
  }
}

/**
 * Polls `check` until it returns a truthy value: for waiting on the DOM, not for proving absence.
 * `what` may be a function, to describe the state at the moment it timed out.
 */
export async function eventually<T>(
  check: () => T,
  what: string | (() => string),
  timeoutMs = EXPECT_WITHIN_MS,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Starts the lab on a free port before the file's tests and closes it after them.
 * `lab.url` is ready inside tests.
 */
export function useLab<C extends object, S extends object>(options: StartLabOptions<C, S>) {
  const handle = {} as RunningLab<C, S>;
  beforeAll(async () => {
    Object.assign(handle, await startLab({ ...options, port: 0 }));
  });
  afterAll(() => handle.close?.());
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

/** The real page in jsdom, loaded from the running server with its scripts executed. */
export async function openPage(url: string): Promise<JSDOM> {
  const dom = await JSDOM.fromURL(url, { runScripts: 'dangerously', resources: 'usable', pretendToBeVisual: true });
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

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

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
    handle.browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-features=LocalNetworkAccessChecks',
      ],
    });
    handle.newPage = async (url: string) => {
      const page = await handle.browser.newPage();
      // Playwright would wait 30 s for a missing element; a checkpoint should fail sooner and say why.
      page.setDefaultTimeout(CHROMIUM_WITHIN_MS);
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
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
