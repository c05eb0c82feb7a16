// Checkpoints through socket.io-client in node: each audience, proven from both sides.
// "Does not receive" is proven with a barrier: an ack of that same socket's own later emit, which
// socket.io delivers after anything the server sent it before.
import { ask, connect, expectSilence, recordEvents, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** Three clients on "/": the one that acts, and two bystanders. */
async function threeClients() {
  return Promise.all([connect(lab.url), connect(lab.url), connect(lab.url)]);
}

describe('lab 03: broadcast', () => {
  it('chat reaches every client with the sender id, the sender included', async () => {
    const [sender, a, b] = await threeClients();
    // The barrier: once the sender has its answer and every client has heard everything, a chat
    // that has not come is not coming.
    const answer = ask(sender, 'chat', 'hello all');
    const lines = Promise.all([sender, a, b].map((socket) => waitFor(socket, 'chat', { before: answer })));
    expect(await answer).toEqual({ ok: true });
    const line = { from: sender.id, text: 'hello all' };
    expect(await lines).toEqual([line, line, line]);
  });

  it('a chat brings each client exactly one chat event and nothing else', async () => {
    const [sender, a, b] = await threeClients();
    const heard = [sender, a, b].map(recordEvents);
    await ask(sender, 'chat', 'once');
    // Each bystander's own refused chat is answered after anything already sent to it.
    await ask(a, 'chat', '');
    await ask(b, 'chat', '');
    const who = ['the sender', 'the second client', 'the third client'];
    for (const [i, events] of heard.entries())
      expect(events, `${who[i]} should hear exactly one chat, "once", and nothing else`).toEqual([
        ['chat', { from: sender.id, text: 'once' }],
      ]);
  });

  it('typing reaches every other client with the sender id', async () => {
    const [typist, a, b] = await threeClients();
    const answer = ask(typist, 'typing');
    const heard = [a, b].map((socket) => waitFor(socket, 'typing', { before: answer, who: 'another client' }));
    expect(await answer).toEqual({ ok: true });
    expect(await Promise.all(heard)).toEqual([{ from: typist.id }, { from: typist.id }]);
  });

  it('the typist provably does not get its own typing', async () => {
    const [typist, other] = await Promise.all([connect(lab.url), connect(lab.url)]);
    // The ack to the typist's own emit comes after anything the handler sent it.
    await expectSilence(
      typist,
      'typing',
      async () => {
        const answer = ask(typist, 'typing');
        // The other client does hear it: a handler that tells nobody proves nothing.
        await waitFor(other, 'typing', { before: answer, who: 'the other client' });
        await answer;
      },
      'the typist',
    );
  });

  it('echo comes back to the sender alone with the same text', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    expect(await ask(sender, 'echo', 'just me')).toEqual({ ok: true });
    expect(heard, 'the sender should hear its echo, "just me", before the ack').toEqual([['echo', 'just me']]);
  });

  it('other clients provably do not get an echo', async () => {
    const [sender, a, b] = await threeClients();
    await expectSilence(a, 'echo', async () => {
      await expectSilence(b, 'echo', async () => {
        await ask(sender, 'echo', 'private');
        // The bystanders' own acks come after anything the echo sent them.
        await Promise.all([ask(a, 'typing'), ask(b, 'typing')]);
      });
    });
  });

  it('text that is empty, too long or not a string is refused with a reason and reaches nobody', async () => {
    const [sender, other] = await Promise.all([connect(lab.url), connect(lab.url)]);
    const bad = ['', 'x'.repeat(2001), 42, null, ['a'], { text: 'hi' }];
    await expectSilence(sender, ['chat', 'echo'], async () => {
      await expectSilence(other, ['chat', 'echo'], async () => {
        for (const event of ['chat', 'echo']) {
          for (const text of bad) {
            expect(await ask(sender, event, text)).toEqual({
              ok: false,
              error: expect.stringMatching(/non-empty string of at most 2000 characters/),
            });
          }
          expect(await ask(sender, event)).toMatchObject({ ok: false });
        }
        await ask(other, 'typing');
      });
    });
    // 2000 characters is still fine.
    expect(await ask(sender, 'chat', 'x'.repeat(2000))).toEqual({ ok: true });
  });

  it('bad input without an ack is dropped and the server keeps working', async () => {
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    sender.emit('chat');
    sender.emit('chat', 7);
    sender.emit('echo', null);
    sender.emit('typing', 'ignored payload');
    await ask(sender, 'echo', 'still here');
    expect(heard, 'the sender should hear its echo, "still here"').toEqual([['echo', 'still here']]);
  });
});
