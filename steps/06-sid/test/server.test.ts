// Checkpoints through socket.io-client in node: what a sid is, and what a user table keyed by it does.
import { type AnySocket, ask, connect, eventually, expectSilence, quiet, useLab, waitFor } from '@labs/shared/testing';
import { Manager } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** A connected client registered as `username`. */
async function user(username: string): Promise<AnySocket> {
  const socket = await connect(lab.url);
  expect(await ask(socket, 'register', { username })).toEqual({ ok: true, sid: socket.id });
  return socket;
}

/** An ack of this socket's own request: everything sent to it before is already here. */
const barrier = (socket: AnySocket) => ask(socket, 'whoami');

/** Resolves once the server has finished with this sid (its disconnect handler has run). */
const serverForgets = (sid: string) => eventually(() => !lab.io.of('/').sockets.has(sid), `the server to drop ${sid}`);

describe('lab 06: sid', () => {
  it("whoami answers the client's own socket.id, and the room named after it", async () => {
    const client = await connect(lab.url);
    expect(await ask(client, 'whoami')).toEqual({ sid: client.id, rooms: [client.id], namespace: '/' });
  });

  it('every connection gets its own sid', async () => {
    const sids = new Set<string>();
    for (let i = 0; i < 3; i++) sids.add((await ask(await connect(lab.url), 'whoami')).sid);
    expect(sids.size).toBe(3);
  });

  it('a reconnect gets a new sid, and the old sid no longer appears anywhere', async () => {
    const client = await connect(lab.url);
    const oldSid = client.id!;
    client.disconnect();
    await serverForgets(oldSid);
    const back = new Promise((resolve) => client.once('connect', () => resolve(undefined)));
    client.connect();
    await back;
    const { sid } = await ask(client, 'whoami');
    expect(sid).toBe(client.id);
    expect(sid).not.toBe(oldSid);
    const nsp = lab.io.of('/');
    expect(nsp.sockets.has(oldSid)).toBe(false);
    expect(nsp.adapter.rooms.has(oldSid)).toBe(false);
    expect(nsp.adapter.sids.has(oldSid)).toBe(false);
  });

  it('one connection with two namespaces has two sids', async () => {
    // This adds a /second namespace to this test file's lab server, for this checkpoint only:
    // the lab itself has just "/" (lab 04 is the lab about namespaces).
    lab.io.of('/second');
    const manager = new Manager(lab.url, { transports: ['websocket'], reconnection: false });
    try {
      const main = manager.socket('/');
      const second = manager.socket('/second');
      await Promise.all([main, second].map((s) => (s.connected ? undefined : waitFor(s, 'connect'))));
      expect(main.id).not.toBe(second.id);
      expect(lab.io.of('/').sockets.has(main.id!)).toBe(true);
      expect(lab.io.of('/second').sockets.has(second.id!)).toBe(true);
      // One engine.io connection carries both.
      expect(lab.io.of('/').sockets.get(main.id!)!.conn).toBe(lab.io.of('/second').sockets.get(second.id!)!.conn);
    } finally {
      manager.engine?.close();
    }
  });

  it('register binds the name to this sid, and every client receives the online list', async () => {
    const watcher = await connect(lab.url);
    const ann = await connect(lab.url);
    const answer = ask(ann, 'register', { username: 'ann-1' });
    const list = waitFor(watcher, 'users', { before: answer, who: 'another client' });
    const toAnn = waitFor(ann, 'users', { before: answer, who: 'the registering client' });
    expect(await answer).toEqual({ ok: true, sid: ann.id });
    expect(await list).toEqual(['ann-1']);
    expect(await toAnn).toEqual(['ann-1']);
  });

  it('a direct reaches only the one socket registered under that name', async () => {
    const ann = await user('ann-2');
    const bob = await user('bob-2');
    const cat = await user('cat-2');
    const toAnn = waitFor(ann, 'direct', { before: quiet });
    await expectSilence(cat, 'direct', async () => {
      await expectSilence(bob, 'direct', async () => {
        expect(await ask(bob, 'direct', { to: 'ann-2', text: 'hi ann' })).toEqual({ ok: true });
      });
      await barrier(cat);
    });
    expect(await toAnn).toEqual({ from: 'bob-2', text: 'hi ann' });
  });

  it('registering the same name from a newer connection moves it to the new sid', async () => {
    const oldAnn = await user('ann-3');
    const newAnn = await connect(lab.url);
    expect(await ask(newAnn, 'register', { username: 'ann-3' })).toEqual({ ok: true, sid: newAnn.id });
    const bob = await user('bob-3');
    const toNew = waitFor(newAnn, 'direct', { before: quiet });
    await expectSilence(oldAnn, 'direct', async () => {
      expect(await ask(bob, 'direct', { to: 'ann-3', text: 'which ann?' })).toEqual({ ok: true });
      await barrier(oldAnn);
    });
    expect(await toNew).toEqual({ from: 'bob-3', text: 'which ann?' });
    // The old connection no longer owns the name, so it cannot speak as ann-3 either.
    expect(await ask(oldAnn, 'direct', { to: 'bob-3', text: 'still me' })).toMatchObject({ ok: false });
  });

  it('after a reconnect, a direct reaches the new sid, not the old, and the stale disconnect does not unregister the user', async () => {
    // The network drops: the client reconnects and registers again before the server
    // notices that the old connection is gone. Then the old connection's disconnect arrives.
    const oldAnn = await user('ann-4');
    const oldSid = oldAnn.id!;
    const newAnn = await user('ann-4');
    const bob = await user('bob-4');
    // Lists from now on. Another test's users may still be disconnecting, so lists can arrive in
    // any order; what matters is that none of them lacks ann-4.
    const lists: string[][] = [];
    bob.on('users', (names: string[]) => lists.push(names));

    const toNew = waitFor(newAnn, 'direct', { before: quiet });
    await expectSilence(oldAnn, 'direct', async () => {
      expect(await ask(bob, 'direct', { to: 'ann-4', text: 'which sid?' })).toEqual({ ok: true });
      await barrier(oldAnn);
    });
    expect(await toNew).toEqual({ from: 'bob-4', text: 'which sid?' });

    oldAnn.disconnect();
    await serverForgets(oldSid);
    const stillNew = waitFor(newAnn, 'direct', { before: quiet });
    expect(await ask(bob, 'direct', { to: 'ann-4', text: 'still there?' })).toEqual({ ok: true });
    expect(await stillNew).toEqual({ from: 'bob-4', text: 'still there?' });
    // The stale disconnect did not take ann-4 off the list.
    expect(lists.filter((names) => !names.includes('ann-4'))).toEqual([]);
  });

  it('a user whose only connection closes is no longer online', async () => {
    const ann = await user('ann-5');
    const bob = await user('bob-5');
    const lists: string[][] = [];
    bob.on('users', (names: string[]) => lists.push(names));
    ann.disconnect();
    // Other lists may come first (another test's users disconnecting): wait for one without ann-5.
    await eventually(() => lists.some((names) => !names.includes('ann-5')), 'a users list without ann-5', { before: quiet });
    expect(await ask(bob, 'direct', { to: 'ann-5', text: 'hello?' })).toEqual({
      ok: false,
      error: '"ann-5" is not online.',
    });
  });

  it('a direct to an unknown user, or from an unregistered sender, is refused', async () => {
    const bob = await user('bob-6');
    expect(await ask(bob, 'direct', { to: 'nobody-6', text: 'hi' })).toEqual({
      ok: false,
      error: '"nobody-6" is not online.',
    });
    const stranger = await connect(lab.url);
    await expectSilence(bob, 'direct', async () => {
      expect(await ask(stranger, 'direct', { to: 'bob-6', text: 'hi' })).toEqual({
        ok: false,
        error: 'Register a username on this connection before sending direct messages.',
      });
      await barrier(bob);
    });
  });

  it('bad payloads get a clear error and the server keeps working', async () => {
    const client = await connect(lab.url);
    const bad: unknown[] = ['ann', 42, null, [], {}, { username: '' }, { username: 'x'.repeat(65) }];
    for (const payload of bad) {
      expect(await ask(client, 'register', payload)).toEqual({
        ok: false,
        error: 'Send { username }: a non-empty string of at most 64 characters.',
      });
    }
    // A lone callback arrives in the payload's place, and is answered there.
    for (const event of ['register', 'direct']) {
      expect(await ask(client, event)).toMatchObject({ ok: false });
    }
    // 64 characters is still a name. The text is checked for a registered sender, so the
    // "register first" refusal cannot hide it.
    const longName = 'b'.repeat(64);
    await user(longName);
    expect(await ask(client, 'register', { username: 'ann-7' })).toEqual({ ok: true, sid: client.id });
    const directError = { ok: false, error: 'Send { to, text }: a username and 1 to 2000 characters of text.' };
    for (const payload of [
      'bob-7',
      null,
      {},
      { to: longName },
      { to: longName, text: '' },
      { to: longName, text: 'x'.repeat(2001) },
    ]) {
      expect(await ask(client, 'direct', payload)).toEqual(directError);
    }
    expect(await ask(client, 'direct', { to: longName, text: 'x'.repeat(2000) })).toEqual({ ok: true });
    // whoami's ack is its last argument, whatever comes before it.
    expect(await ask(client, 'whoami', { extra: true })).toMatchObject({ sid: client.id });
    // No callback: nothing to answer, nothing to crash.
    client.emit('register');
    client.emit('direct', { to: longName, text: '' });
    client.emit('whoami', 'not a function');
    expect(await ask(client, 'register', { username: 'ann-7b' })).toEqual({ ok: true, sid: client.id });
  });
});
