// Checkpoints through socket.io-client in node: what the server sends, to whom, in what order.
import { connect, eventually, quiet, recordEvents, roundTrip, useLab, useLabProcess, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

// { before: quiet }: once the server and every client are quiet, a ceshi that has not come is not coming.
/** Events as a learner reads them: "message" "hello", then "ceshi" "测试". */
const spoken = (events: unknown[][]) =>
  events.length === 0
    ? 'nothing'
    : events.map(([event, ...args]) => [event, ...args].map((v) => JSON.stringify(v)).join(' ')).join(', then ');

/** Waits, at a barrier, until `who` has heard as many events as expected; then they must be exactly those. */
async function hears(heard: unknown[][], expected: unknown[][], who: string) {
  await eventually(
    () => heard.length >= expected.length,
    () => `${who} to hear ${spoken(expected)}; it heard ${spoken(heard)}`,
    {
      before: quiet,
    },
  );
  expect(heard, `${who} should hear ${spoken(expected)}`).toEqual(expected);
}

describe('lab 01: send vs emit', () => {
  it('the sender gets its own message, then ceshi', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.send('hello');
    await hears(
      heard,
      [
        ['message', 'hello'],
        ['ceshi', '测试'],
      ],
      'the sender',
    );
  });

  it('a second client gets both events too', async () => {
    const sender = await connect(lab.url);
    const other = await connect(lab.url);
    const heard = recordEvents(other);
    sender.send({ n: 1 });
    await hears(
      heard,
      [
        ['message', { n: 1 }],
        ['ceshi', '测试'],
      ],
      'the other client',
    );
  });

  it("emit('message') is the same as send", async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.emit('message', 'by name');
    await hears(
      heard,
      [
        ['message', 'by name'],
        ['ceshi', '测试'],
      ],
      'the sender',
    );
    sender.send('by send');
    await hears(
      heard,
      [
        ['message', 'by name'],
        ['ceshi', '测试'],
        ['message', 'by send'],
        ['ceshi', '测试'],
      ],
      'the sender',
    );
  });

  it('each send brings exactly message then ceshi, and nothing on connect', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    const expected: unknown[][] = [];
    // Every event since connect is in `heard`, so a welcome event or a third event per send would show here.
    for (const value of ['one', 'two', 'three']) {
      sender.send(value);
      expected.push(['message', value], ['ceshi', '测试']);
      await hears(heard, expected, 'the sender');
    }
  });

  it('a send with nothing in it is ignored, and the server keeps working', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.send();
    sender.emit('message', () => {});
    sender.send('still here');
    await hears(
      heard,
      [
        ['message', 'still here'],
        ['ceshi', '测试'],
      ],
      'the sender',
    );
  });
});

describe('lab 01: a server that must not crash', () => {
  it('both sides refuse the same six reserved names, and a server may emit connection', async () => {
    const client = await connect(lab.url);
    const socket = lab.io.sockets.sockets.get(client.id!)!;
    // Typed emits would not even compile with these names: go through untyped views of the same objects.
    const emitters = { 'the client socket': client, "the server's socket": socket, 'io (every client)': lab.io } as Record<
      string,
      { emit(name: string): unknown }
    >;
    for (const name of ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']) {
      for (const [who, emitter] of Object.entries(emitters)) {
        expect(() => emitter.emit(name), `${who} to refuse to emit "${name}"`).toThrow(`"${name}" is a reserved event name`);
      }
    }
    // 'connection' is a name the server listens to on io, not one it refuses to send.
    const heard = waitFor(client, 'connection');
    (socket as unknown as { emit(name: string, value: string): void }).emit('connection', 'just an event');
    expect(await heard).toBe('just an event');
  });

  // Its own process: a crash inside this test worker would be caught by vitest and go unseen.
  const server = useLabProcess({ labDir: new URL('..', import.meta.url) });

  it('a value nested too deeply to relay is ignored, and the server keeps working', async () => {
    const attacker = await connect(server.url);
    const heard = recordEvents(attacker);
    // Written by hand, as any client could (2 is socket.io's EVENT packet): 12 kB of brackets,
    // 6,000 levels deep. socket.io-client's own encoder would overflow before sending it.
    const depth = 6000;
    (attacker.io.engine as unknown as { write(packet: string): void }).write(
      `2["message",{"a":${'['.repeat(depth)}${']'.repeat(depth)}}]`,
    );
    attacker.send('still here');
    // The lab runs in another process, out of quiet()'s sight: a round trip on the same connection is the barrier.
    await waitFor(attacker, 'ceshi', { before: roundTrip(attacker) });
    expect(heard).toEqual([
      ['message', 'still here'],
      ['ceshi', '测试'],
    ]);
  });
});
