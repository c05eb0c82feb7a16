// The test kit's own checkpoints: a missing event is reported at its barrier, not at the timeout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningLab, startLab } from '../src/start-lab.ts';
import { ask, connect, EXPECT_WITHIN_MS, eventually, openPage, quiet, roundTrip, useLab, waitFor } from '../src/testing.ts';

/** A server that answers "noop" without a word, and sends "hello" before answering "greet". */
const attach = (io: Server) => {
  io.on('connection', (socket) => {
    socket.on('noop', (ack: (answer: object) => void) => ack({ ok: true }));
    socket.on('silent', () => {});
    socket.on('greet', (ack: (answer: object) => void) => {
      socket.emit('hello', 'you');
      ack({ ok: true });
    });
    socket.on('show', (text: string, ack: (answer: object) => void) => {
      io.emit('show', text);
      ack({ ok: true });
    });
    // Numbers 1 to 3, in order; "skip" leaves one out.
    socket.on('count', (skip: number) => {
      for (const n of [1, 2, 3]) if (n !== skip) socket.emit('number', n);
    });
  });
};
const lab = useLab<any, any>({ labDir: new URL('fixture', import.meta.url), attach });

/** The same server, out of quiet()'s sight, as a lab in another process is. */
const unwatched = {} as RunningLab<any, any>;
beforeAll(async () => {
  Object.assign(unwatched, await startLab({ labDir: new URL('fixture', import.meta.url), attach, port: 0 }));
});
afterAll(() => unwatched.close?.());

/** How long a promise takes to reject, and with what. */
async function rejection(promise: Promise<unknown>) {
  const started = Date.now();
  const error = await promise.then(
    () => new Error('it resolved'),
    (reason: Error) => reason,
  );
  return { error, ms: Date.now() - started };
}

// A wait that would take this long without its barrier; with it, a missing event fails in a fraction.
const LONG_TIMEOUT_MS = 30_000;
const FAST_MS = LONG_TIMEOUT_MS / 6;

describe('the test kit', () => {
  it('waitFor with a barrier resolves with an event that came before the barrier', async () => {
    const socket = await connect(lab.url);
    expect(await waitFor(socket, 'hello', { before: ask(socket, 'greet'), timeoutMs: LONG_TIMEOUT_MS })).toBe('you');
  });

  it('waitFor with a barrier reports a missing event at the barrier, long before its timeout', async () => {
    const socket = await connect(lab.url);
    const { error, ms } = await rejection(waitFor(socket, 'hello', { before: ask(socket, 'noop'), timeoutMs: LONG_TIMEOUT_MS }));
    expect(error.message).toMatch(
      /^expected socket \S+ to receive "hello", but it got nothing before the server's answer to "noop"$/,
    );
    // Generous for a loaded machine, and still a sixth of the timeout.
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('ask reports an ack the server never calls once it has gone quiet, long before its timeout', async () => {
    const socket = await connect(lab.url);
    const { error, ms } = await rejection(ask(socket, 'silent'));
    expect(error.message).toBe('the server did not answer "silent": it handled the event and went quiet without calling the ack');
    // ask's own timeout is EXPECT_WITHIN_MS: the barrier answers well within half of it.
    expect(ms).toBeLessThan(EXPECT_WITHIN_MS / 2);
  });

  it('quiet is a barrier for a bystander: an event sent to it arrives first, a missing one fails at once', async () => {
    const [sender, bystander] = await Promise.all([connect(lab.url), connect(lab.url)]);
    const shown = waitFor(bystander, 'show', { before: () => ask(sender, 'show', 'hi').then(quiet), timeoutMs: LONG_TIMEOUT_MS });
    expect(await shown).toBe('hi');
    const { error, ms } = await rejection(
      waitFor(bystander, 'hello', { before: () => ask(sender, 'greet').then(quiet), timeoutMs: LONG_TIMEOUT_MS }),
    );
    expect(error.message).toMatch(/got nothing before/);
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('eventually with quiet sees a page update, and reports a missing one at once', async () => {
    const dom = await openPage(lab.url);
    const line = dom.window.document.querySelector('#line')!;
    await eventually(() => lab.io.of('/').sockets.size > 0, 'the page connected');
    const sender = await connect(lab.url);
    await ask(sender, 'show', 'on the page');
    // The page sets innerText, which jsdom lacks: the kit makes it mean textContent there.
    await eventually(() => line.textContent === 'on the page', 'the line', { before: quiet, timeoutMs: LONG_TIMEOUT_MS });
    await ask(sender, 'noop');
    const { error, ms } = await rejection(
      eventually(() => line.textContent === 'never', 'the line to say never', { before: quiet, timeoutMs: LONG_TIMEOUT_MS }),
    );
    expect(error.message).toBe(
      'expected the line to say never, but it did not happen before the server and every client went quiet',
    );
    expect(ms).toBeLessThan(FAST_MS);
  });

  it('waitFor with a later event on the same socket as its barrier reports a missing event at once, where quiet() is blind', async () => {
    const socket = await connect(unwatched.url);
    const number = (n: number) => ({ where: (value: number) => value === n, what: `number ${n}` });
    const third = waitFor(socket, 'number', number(3));
    const second = waitFor(socket, 'number', { ...number(2), before: third, timeoutMs: LONG_TIMEOUT_MS });
    socket.emit('count', 0);
    expect(await second).toBe(2);

    const last = waitFor(socket, 'number', number(3));
    const missing = waitFor(socket, 'number', { ...number(2), before: last, timeoutMs: LONG_TIMEOUT_MS });
    socket.emit('count', 2);
    const { error, ms } = await rejection(missing);
    expect(error.message).toMatch(
      /^expected socket \S+ to receive number 2, but it got nothing before number 3 reached socket \S+$/,
    );
    expect(ms).toBeLessThan(FAST_MS);
  });
});

describe('the test kit, on a server quiet() cannot see', () => {
  // Not started by useLab, as a lab in another process or an old client is: only a round trip can tell.
  const unseen = { url: '', io: undefined as Server | undefined };
  beforeAll(async () => {
    const http = createServer();
    unseen.io = new Server(http);
    unseen.io.on('connection', (socket) => {
      socket.on('echo', (text: string) => socket.emit('echoed', text));
      socket.on('drop', () => {});
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    unseen.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(() => unseen.io?.close());

  it('waitFor before a roundTrip gets an event sent at once, and reports a missing one at the round trip', async () => {
    const socket = await connect(unseen.url);
    socket.emit('echo', 'back');
    expect(await waitFor(socket, 'echoed', { before: roundTrip(socket), timeoutMs: LONG_TIMEOUT_MS })).toBe('back');
    socket.emit('drop');
    const { error, ms } = await rejection(waitFor(socket, 'echoed', { before: roundTrip(socket), timeoutMs: LONG_TIMEOUT_MS }));
    expect(error.message).toMatch(
      /^expected socket \S+ to receive "echoed", but it got nothing before a round trip on the same connection$/,
    );
    expect(ms).toBeLessThan(FAST_MS);
  });
});
