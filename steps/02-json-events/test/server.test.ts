// Checkpoints through socket.io-client in node: what the json event sends, to whom, what the ack
// answers, and what survives the trip.
import {
  type AnySocket,
  ask,
  connect,
  EXPECT_WITHIN_MS,
  expectSilence,
  quiet,
  recordEvents,
  roundTrip,
  useLab,
  useLabProcess,
  waitFor,
} from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** Sends one object through json and returns what comes back as message. */
async function trip(payload: object) {
  const sender = await connect(lab.url);
  // The ack comes after anything the handler sent: a message that is not here by then is not coming.
  const answer = ask(sender, 'json', payload);
  const relayed = waitFor(sender, 'message', { before: answer });
  expect(await answer).toEqual({ ok: true });
  return relayed;
}

/** A plain object `levels` objects deep: { a: { a: … {} } }. */
function nested(levels: number) {
  let value: object = {};
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  length() {
    return Math.hypot(this.x, this.y);
  }
}

describe('lab 02: json events and acks', () => {
  it('lab 01 message handler still answers a send with message then ceshi', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.send('hello');
    await waitFor(sender, 'ceshi', { before: quiet });
    expect(heard).toEqual([
      ['message', 'hello'],
      ['ceshi', '测试'],
    ]);
  });

  it('a json object reaches every client exactly as one message, the sender included', async () => {
    const sender = await connect(lab.url);
    const other = await connect(lab.url);
    const senderHeard = recordEvents(sender);
    const otherHeard = recordEvents(other);
    // The ack comes after everything the handler emitted, so the sender's list is complete.
    expect(await ask(sender, 'json', { text: 'hi', n: 1 })).toEqual({ ok: true });
    // The other client's own roundtrip ack comes after anything the json emitted to it.
    await ask(other, 'roundtrip', 'barrier');
    expect(senderHeard).toEqual([['message', { text: 'hi', n: 1 }]]);
    expect(otherHeard).toEqual([['message', { text: 'hi', n: 1 }]]);
  });

  it('an ack callback is answered with ok true, as a Flask handler return value would be', async () => {
    const sender = await connect(lab.url);
    const reply = await ask(sender, 'json', { via: 'callback' });
    expect(reply).toEqual({ ok: true });
    expect(await sender.emitWithAck('json', { via: 'emitWithAck' })).toEqual({ ok: true });
  });

  it('a payload that is not a plain object is refused with a reason and reaches nobody', async () => {
    const sender = await connect(lab.url);
    const other = await connect(lab.url);
    for (const bad of ['a string', 42, null, [1, 2], 'x'.repeat(100_000)]) {
      await expectSilence(other, 'message', async () => {
        const reply = await ask(sender, 'json', bad);
        expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/plain object/) });
        await ask(other, 'roundtrip', 'barrier');
      });
    }
    // Nothing at all: the lone argument is the ack itself.
    expect(await ask(sender, 'json')).toMatchObject({ ok: false });
    // The server keeps working.
    expect(await ask(sender, 'json', { still: 'here' })).toEqual({ ok: true });
  });

  it('bad payloads without an ack are dropped and the next valid one still works', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.emit('json');
    sender.emit('json', 'a string');
    sender.emit('json', null);
    await ask(sender, 'json', { after: 'bad ones' });
    expect(heard).toEqual([['message', { after: 'bad ones' }]]);
  });

  it('objects, arrays, numbers and strings survive the trip unchanged', async () => {
    const payload = { text: '你好', n: -1.5, list: [1, 'two', [3]], nested: { ok: true, none: null } };
    expect(await trip(payload)).toEqual(payload);
  });

  it('a Buffer or a typed array arrives as binary', async () => {
    const relayed = await trip({ buffer: Buffer.from('hi'), bytes: new Uint8Array([1, 2, 255]) });
    expect(Buffer.isBuffer(relayed.buffer)).toBe(true);
    expect(Buffer.isBuffer(relayed.bytes)).toBe(true);
    expect([...relayed.buffer]).toEqual([104, 105]);
    expect([...relayed.bytes]).toEqual([1, 2, 255]);
  });

  it('a Date arrives as an ISO string', async () => {
    const relayed = await trip({ when: new Date('2024-01-02T03:04:05.000Z') });
    expect(relayed.when).toBe('2024-01-02T03:04:05.000Z');
  });

  it('a Map arrives as an empty object and a class instance as a plain object without its methods', async () => {
    const relayed = await trip({ map: new Map([['a', 1]]), point: new Point(3, 4) });
    expect(relayed.map).toEqual({});
    expect(relayed.point).toEqual({ x: 3, y: 4 });
    expect(relayed.point).not.toBeInstanceOf(Point);
    expect(relayed.point.length).toBeUndefined();
  });

  it('several arguments in one event arrive as separate arguments, in order', async () => {
    const sender = await connect(lab.url);
    expect(await ask(sender, 'roundtrip', 'one', 2, { three: 3 })).toEqual({ ok: true, values: ['one', 2, { three: 3 }] });
    const tooMany = Array.from({ length: 11 }, (_, i) => i);
    expect(await ask(sender, 'roundtrip', ...tooMany)).toMatchObject({ ok: false, error: expect.stringMatching(/at most 10/) });
  });

  it('timeout emitWithAck resolves when the server answers and rejects when it never does', async () => {
    const sender = await connect(lab.url);
    expect(await sender.timeout(1000).emitWithAck('json', { quick: true })).toEqual({ ok: true });
    // Lab 01's message handler takes no ack: nobody will ever call this one back.
    await expect(sender.timeout(100).emitWithAck('message', 'no answer')).rejects.toThrow('operation has timed out');
  });

  it('an object nested 64 levels deep is relayed, and one level deeper is refused with a reason', async () => {
    const sender = await connect(lab.url);
    expect(await ask(sender, 'json', nested(64))).toEqual({ ok: true });
    expect(await ask(sender, 'json', nested(65))).toEqual({ ok: false, error: expect.stringMatching(/nested too deeply/) });
    expect(await ask(sender, 'roundtrip', nested(65))).toEqual({ ok: false, error: expect.stringMatching(/nested too deeply/) });
  });
});

/** Writes a socket.io packet by hand, as any client could, bypassing socket.io-client's encoder. */
function writeRaw(socket: AnySocket, packet: string) {
  (socket.io.engine as unknown as { write(packet: string): void }).write(packet);
}

/** The arguments of the server's ACK packet (type 3) for the ack id `id` of a hand-written packet. */
function ackOfRaw(socket: AnySocket, id: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.io.off('packet', onPacket);
      reject(new Error(`no answer to ack ${id} within ${EXPECT_WITHIN_MS} ms: did the server crash?`));
    }, EXPECT_WITHIN_MS);
    const onPacket = (packet: { type: number; id?: number; data?: unknown }) => {
      if (packet.type !== 3 || packet.id !== id) return;
      clearTimeout(timer);
      socket.io.off('packet', onPacket);
      resolve(packet.data as unknown[]);
    };
    socket.io.on('packet', onPacket);
  });
}

describe('lab 02: a server that must not crash', () => {
  // Its own process: a crash inside this test worker would be caught by vitest and go unseen.
  const server = useLabProcess({ labDir: new URL('..', import.meta.url) });

  it('a value nested too deeply is refused in every handler, and the server keeps working', async () => {
    const attacker = await connect(server.url);
    const heard = recordEvents(attacker);
    // 12 kB of brackets, 6,000 levels deep: socket.io-client's own encoder would overflow before
    // sending it, so it is written by hand. 2 is socket.io's EVENT packet; digits after it are an
    // ack id, which the server answers with an ACK packet (3) carrying the same id.
    const deep = `{"a":${'['.repeat(6000)}${']'.repeat(6000)}}`;
    const answers = [ackOfRaw(attacker, 901), ackOfRaw(attacker, 902)];
    writeRaw(attacker, `2["message",${deep}]`);
    writeRaw(attacker, `2901["json",${deep}]`);
    writeRaw(attacker, `2902["roundtrip",${deep}]`);
    const refused = [{ ok: false, error: expect.stringMatching(/nested too deeply/) }];
    expect(await Promise.all(answers)).toEqual([refused, refused]);
    // Still running: the next valid requests work, and nothing deep was relayed.
    // The lab runs in another process: a round trip on the same connection tells an answer that is not coming.
    const stillHere = ask(attacker, 'json', { still: 'here' });
    const noAnswer = roundTrip(attacker).then(() => 'no answer before a round trip on the same connection');
    expect(await Promise.race([stillHere, noAnswer]), 'the json handler should still answer').toEqual({ ok: true });
    attacker.send('and here');
    await waitFor(attacker, 'ceshi', { before: roundTrip(attacker) });
    expect(heard).toEqual([
      ['message', { still: 'here' }],
      ['message', 'and here'],
      ['ceshi', '测试'],
    ]);
  });
});
