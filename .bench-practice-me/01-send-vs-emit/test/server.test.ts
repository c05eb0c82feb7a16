// Checkpoints through socket.io-client in node: what the server sends, to whom, in what order.
import { connect, quiet, recordEvents, roundTrip, useLab, useLabProcess, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

// { before: quiet }: once the server and every client are quiet, a ceshi that has not come is not coming.
describe('lab 01: send vs emit', () => {
  it('the sender gets its own message, then ceshi', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.send('hello');
    await waitFor(sender, 'ceshi', { before: quiet });
    expect(heard).toEqual([
      ['message', 'hello'],
      ['ceshi', '测试'],
    ]);
  });

  it('a second client gets both events too', async () => {
    const sender = await connect(lab.url);
    const other = await connect(lab.url);
    const heard = recordEvents(other);
    sender.send({ n: 1 });
    await waitFor(other, 'ceshi', { before: quiet });
    expect(heard).toEqual([
      ['message', { n: 1 }],
      ['ceshi', '测试'],
    ]);
  });

  it("emit('message') is the same as send", async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.emit('message', 'by name');
    await waitFor(sender, 'ceshi', { before: quiet });
    sender.send('by send');
    await waitFor(sender, 'ceshi', { before: quiet });
    expect(heard).toEqual([
      ['message', 'by name'],
      ['ceshi', '测试'],
      ['message', 'by send'],
      ['ceshi', '测试'],
    ]);
  });

  it('each send brings exactly message then ceshi, and nothing on connect', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    for (const value of ['one', 'two', 'three']) {
      sender.send(value);
      await waitFor(sender, 'ceshi', { before: quiet });
    }
    // Every event since connect is in `heard`, so a welcome event or a third event per send would show here.
    expect(heard).toEqual([
      ['message', 'one'],
      ['ceshi', '测试'],
      ['message', 'two'],
      ['ceshi', '测试'],
      ['message', 'three'],
      ['ceshi', '测试'],
    ]);
  });

  it('a send with nothing in it is ignored, and the server keeps working', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.send();
    sender.emit('message', () => {});
    sender.send('still here');
    await waitFor(sender, 'ceshi', { before: quiet });
    expect(heard).toEqual([
      ['message', 'still here'],
      ['ceshi', '测试'],
    ]);
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
