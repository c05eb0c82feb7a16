// Checkpoints through socket.io-client in node, against two real nodes: two separate
// `tsx src/main.ts` processes sharing one private redis-server. Nothing is shared but Redis.
import { connectError, eventually, expectSilence, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { STORE_DOWN } from '../src/server.ts';
import { client, createRoom, join, listed, roomsChanged, uniqueName, useNodes, useRedis } from './helpers.ts';

const redis = useRedis();
// Node C is only for the crash checkpoint: it starts with the others, to save time.
const [nodeA, nodeB, nodeC] = useNodes(redis, 3);

describe('lab 09: the room chat on two nodes', () => {
  it("two nodes in separate processes: members on node A and node B each receive the other's message", async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    expect(nodeA.url).not.toBe(nodeB.url);
    const room = await createRoom(ana);
    await join(ana, room.id);
    await join(bo, room.id);

    const boHears = waitFor(bo, 'message:new');
    const sent = await ana.emitWithAck('message:send', { roomId: room.id, text: 'hello from A' });
    expect(sent).toMatchObject({ ok: true, message: { roomId: room.id, author: 'ana', text: 'hello from A' } });
    expect(await boHears).toEqual(sent.ok && sent.message);

    const anaHears = waitFor(ana, 'message:new');
    await bo.emitWithAck('message:send', { roomId: room.id, text: 'hello from B' });
    expect(await anaHears).toMatchObject({ author: 'bo', text: 'hello from B' });
  });

  it('a client on another node receives nothing for a room it is not in', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const otherRoomOnA = await client(nodeA, 'cy');
    const otherRoomOnB = await client(nodeB, 'di');
    const lobbyOnB = await client(nodeB, 'ed');
    const room = await createRoom(ana);
    const other = await createRoom(ana);
    await join(ana, room.id);
    await join(bo, room.id);
    await join(otherRoomOnA, other.id);
    await join(otherRoomOnB, other.id);

    // The barrier: once bo (on node B) has the message, node B has handled that broadcast for
    // all its sockets; an ack that each bystander asks for afterwards comes after it on the wire.
    for (const bystander of [otherRoomOnA, otherRoomOnB, lobbyOnB]) {
      await expectSilence(bystander, 'message:new', async () => {
        const boHears = waitFor(bo, 'message:new');
        await ana.emitWithAck('message:send', { roomId: room.id, text: 'members only' });
        await boHears;
        await bystander.emitWithAck('room:list');
      });
    }
  });

  it('room list, history and online counts are the same on both nodes', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const room = await createRoom(ana);
    await join(ana, room.id);
    await join(bo, room.id);
    for (const text of ['one', 'two', 'three']) await ana.emitWithAck('message:send', { roomId: room.id, text });
    await bo.emitWithAck('message:send', { roomId: room.id, text: 'four' });

    const lateOnA = await join(await client(nodeA, 'cy'), room.id);
    const lateOnB = await join(await client(nodeB, 'di'), room.id);
    expect(lateOnA.history.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(lateOnB.history).toEqual(lateOnA.history);
    expect(lateOnB.online).toBe(4);

    const listA = await ana.emitWithAck('room:list');
    const listB = await bo.emitWithAck('room:list');
    if (!listA.ok || !listB.ok) throw new Error('room:list was refused');
    // Every room, in the same order (the online counts of earlier checkpoints' rooms may still be settling).
    expect(listB.rooms.map(({ online, ...room }) => room)).toEqual(listA.rooms.map(({ online, ...room }) => room));
    expect(await listed(ana, room.id)).toEqual({ ...room, online: 4 });
    expect(await listed(bo, room.id)).toEqual({ ...room, online: 4 });
  });

  it('one user with a tab on each node counts once, and a disconnect updates both nodes', async () => {
    const anaOnA = await client(nodeA, 'ana');
    const anaOnB = await client(nodeB, 'ana');
    const bo = await client(nodeB, 'bo');
    const room = await createRoom(anaOnA);
    await join(anaOnA, room.id);
    expect((await join(anaOnB, room.id)).online).toBe(1);
    // bo's own join brings a room:presence after its ack: take it first, so the next one is news.
    const ownJoin = waitFor(bo, 'room:presence');
    expect((await join(bo, room.id)).online).toBe(2);
    expect(await ownJoin).toEqual({ roomId: room.id, online: 2 });

    const boHears = waitFor(bo, 'room:presence');
    anaOnB.disconnect();
    expect(await boHears).toEqual({ roomId: room.id, online: 2 });

    const presenceOnB = waitFor(bo, 'room:presence');
    anaOnA.disconnect();
    expect(await presenceOnB).toEqual({ roomId: room.id, online: 1 });
    expect((await listed(bo, room.id))?.online).toBe(1);
  });

  it('a room created on node A is announced to clients on node B, and its name is taken there too', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const name = uniqueName('Lobby');
    const announced = roomsChanged(bo, (rooms) => rooms.some((r) => r.name === name));
    const room = await createRoom(ana, name);
    expect((await announced).find((r) => r.name === name)).toEqual({ ...room, online: 0 });
    expect(await bo.emitWithAck('room:create', { name: room.name.toLowerCase() })).toEqual({
      ok: false,
      error: `A room named "${room.name.toLowerCase()}" already exists.`,
    });
  });

  it('room and message ids are unique across nodes', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const rooms = await Promise.all(Array.from({ length: 10 }, (_, i) => createRoom(i % 2 ? ana : bo)));
    expect(new Set(rooms.map((r) => r.id)).size).toBe(10);

    const room = rooms[0]!;
    await join(ana, room.id);
    await join(bo, room.id);
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? ana : bo).emitWithAck('message:send', { roomId: room.id, text: `m${i}` })),
    );
    expect(new Set(sent.map((answer) => answer.ok && answer.message.id)).size).toBe(20);
  });

  it('a close on node A reaches members on node B, and only the owner may close', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const room = await createRoom(ana);
    await join(ana, room.id);
    await join(bo, room.id);
    expect(await bo.emitWithAck('room:close', { roomId: room.id })).toEqual({
      ok: false,
      error: `Only ana, who created "${room.name}", may close it.`,
    });

    const closed = waitFor(bo, 'room:closed');
    const changed = roomsChanged(bo, (rooms) => !rooms.some((r) => r.id === room.id));
    expect(await ana.emitWithAck('room:close', { roomId: room.id })).toEqual({ ok: true });
    expect(await closed).toEqual({ roomId: room.id });
    await changed;
    // Node B took bo out of the socket.io room: its next send is refused.
    expect(await bo.emitWithAck('message:send', { roomId: room.id, text: 'still here?' })).toMatchObject({ ok: false });
    expect(await listed(bo, room.id)).toBeUndefined();
  });

  it("a non-member's send and a join to an unknown room are refused", async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const room = await createRoom(ana);
    await join(ana, room.id);
    await expectSilence(ana, 'message:new', async () => {
      expect(await bo.emitWithAck('message:send', { roomId: room.id, text: 'let me in' })).toEqual({
        ok: false,
        error: `Join room ${room.id} before sending to it.`,
      });
      await ana.emitWithAck('room:list');
    });
    expect(await bo.emitWithAck('room:join', { roomId: 999_999 })).toEqual({ ok: false, error: 'There is no room 999999.' });
  });

  it('an invalid username in the handshake is refused', async () => {
    for (const auth of [{}, { username: '' }, { username: 'a b' }, { username: 'x'.repeat(33) }, { username: 42 }]) {
      const error = await connectError(nodeB.url, { auth });
      expect(error.message).toBe('The username is invalid: use 1 to 32 letters, digits, _ or -.');
    }
  });

  it('malformed payloads for every event get an error ack, and the node still answers', async () => {
    const ana = await client(nodeA, 'ana');
    const bad: unknown[] = [undefined, null, 'text', 42, [], {}, { roomId: '1' }, { roomId: -1 }, { name: 'x'.repeat(65) }, { text: 'x'.repeat(2001) }];
    const events = ['room:create', 'room:join', 'room:leave', 'message:send', 'room:close'] as const;
    for (const event of events) {
      for (const payload of bad) {
        const answer = await (ana as any).emitWithAck(event, payload);
        expect(answer, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: expect.any(String) });
      }
      // A lone callback: the ack is the first argument.
      expect(await new Promise((resolve) => (ana as any).emit(event, resolve))).toMatchObject({ ok: false });
    }
    expect(await (ana as any).emitWithAck('room:list', { extra: true })).toMatchObject({ ok: false });
    (ana as any).emit('message:send', { roomId: 1, text: 'no ack at all' });
    expect(await ana.emitWithAck('room:list')).toMatchObject({ ok: true });
  });

  it('a node killed with SIGKILL drops its users from online within 15 seconds', { timeout: 45_000 }, async () => {
    const ana = await client(nodeA, 'ana');
    const room = await createRoom(ana);
    await join(ana, room.id);
    await join(await client(nodeC!, 'cy'), room.id);
    await join(await client(nodeC!, 'di'), room.id);
    expect((await listed(ana, room.id))?.online).toBe(3);

    // A crash: no 'disconnecting', no cleanup. Only the TTL on node C's presence can heal it.
    await nodeC!.stop('SIGKILL');
    const killedAt = Date.now();
    for (;;) {
      if ((await listed(ana, room.id))?.online === 1) break;
      expect(Date.now() - killedAt, 'seconds until online dropped to 1').toBeLessThan(15_000);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it('with Redis stopped requests get an error ack, and when it is back the chat works again', { timeout: 30_000 }, async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const room = await createRoom(ana);
    await join(ana, room.id);
    await join(bo, room.id);

    // Messages keep flowing from A to B while Redis goes away under them, mid-request.
    let sending = true;
    const answers: unknown[] = [];
    const sender = (async () => {
      while (sending) answers.push(await ana.emitWithAck('message:send', { roomId: room.id, text: 'busy' }));
    })();
    await redis.stop();
    await eventually(() => answers.some((answer) => (answer as { ok: boolean }).ok === false), 'a failed send');
    sending = false;
    await sender;
    expect(answers.filter((answer) => (answer as { ok: boolean }).ok === false)).toContainEqual({ ok: false, error: STORE_DOWN });
    expect(await bo.emitWithAck('room:list')).toEqual({ ok: false, error: STORE_DOWN });
    expect(await bo.emitWithAck('room:create', { name: uniqueName() })).toEqual({ ok: false, error: STORE_DOWN });
    // Both nodes are still up, and still connected to their clients.
    expect([nodeA.child.exitCode, nodeB.child.exitCode]).toEqual([null, null]);
    expect(ana.connected && bo.connected).toBe(true);

    await redis.start();
    // node-redis reconnects by itself within half a second of Redis being back. Redis had no
    // persistence, so the data is gone: the proof is a new room that works across nodes.
    const deadline = Date.now() + 10_000;
    let created = await ana.emitWithAck('room:create', { name: uniqueName() });
    while (!created.ok && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      created = await ana.emitWithAck('room:create', { name: uniqueName() });
    }
    if (!created.ok) throw new Error(`node A did not recover: ${created.error}`);
    await join(ana, created.room.id);
    await join(bo, created.room.id);
    const boHears = waitFor(bo, 'message:new');
    await ana.emitWithAck('message:send', { roomId: created.room.id, text: 'back again' });
    expect(await boHears).toMatchObject({ author: 'ana', text: 'back again' });
  });
});
