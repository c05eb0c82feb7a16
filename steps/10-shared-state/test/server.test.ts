// Checkpoints through socket.io-client in node, against two real nodes: two separate
// `tsx src/main.ts` processes sharing one private redis-server. Nothing is shared but Redis.
import { MAX_PACKET_BYTES, RATE_ERROR, SEND_BURST, SEND_RATE } from '@labs/shared';
import { ask, askOk, connectError, eventually, expectSilence, recordEvents, waitFor } from '@labs/shared/testing';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import type { Message, Room } from '../src/events.ts';
import { STORE_DOWN } from '../src/server.ts';
import { KEY, openStore, STREAM_MAX } from '../src/store.ts';
import {
  announcedLater,
  answersAgain,
  client,
  createdThenClosed,
  relayedAgain,
  roomsChanged,
  uniqueName,
  useNodes,
  useRedis,
} from './helpers.ts';

const redis = useRedis();
// The crash checkpoint comes last: it kills node B.
const [nodeA, nodeB] = useNodes(redis, 2);

/** `text` as the message's text, for `where`. */
const saying = (text: string) => (message: Message) => message.text === text;

/** A plain connection to the nodes' Redis, to look at what they stored (store.ts's keys). */
async function inRedis<T>(use: (redis: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const connection = createClient({ url: redis.url });
  await connection.connect();
  try {
    return await use(connection);
  } finally {
    connection.destroy();
  }
}

describe('lab 10: the room chat on two nodes', () => {
  it("two nodes in separate processes: members on node A and node B each receive the other's message", async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    expect(nodeA.url).not.toBe(nodeB.url);
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(bo, 'room:join', { roomId: room.id });

    // The barrier: a room node A announces after relaying the message, on the same road through Redis.
    const laterOnA = announcedLater(ana, bo);
    const boHears = waitFor(bo, 'message:new', {
      where: saying('hello from A'),
      before: laterOnA,
      who: 'bo',
      what: "ana's message",
    });
    const { message } = await askOk(ana, 'message:send', { roomId: room.id, text: 'hello from A' });
    expect(message).toMatchObject({ roomId: room.id, author: 'ana', text: 'hello from A' });
    await laterOnA.send();
    expect(await boHears).toEqual(message);

    // ana's own message may still be on its way to her: wait for bo's.
    const laterOnB = announcedLater(bo, ana);
    const anaHears = waitFor(ana, 'message:new', {
      where: saying('hello from B'),
      before: laterOnB,
      who: 'ana',
      what: "bo's message",
    });
    await askOk(bo, 'message:send', { roomId: room.id, text: 'hello from B' });
    await laterOnB.send();
    expect(await anaHears).toMatchObject({ author: 'bo', text: 'hello from B' });
  });

  it('a client on another node receives nothing for a room it is not in', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const otherRoomOnA = await client(nodeA, 'cy');
    const otherRoomOnB = await client(nodeB, 'di');
    const lobbyOnB = await client(nodeB, 'ed');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    const other = (await askOk(ana, 'room:create', { name: uniqueName() })).room;
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(bo, 'room:join', { roomId: room.id });
    await askOk(otherRoomOnA, 'room:join', { roomId: other.id });
    await askOk(otherRoomOnB, 'room:join', { roomId: other.id });

    // The barrier: once bo (on node B) has the message, node B has handled that broadcast for
    // all its sockets; an ack that each bystander asks for afterwards comes after it on the wire.
    for (const bystander of [otherRoomOnA, otherRoomOnB, lobbyOnB]) {
      await expectSilence(bystander, 'message:new', async () => {
        const later = announcedLater(ana, bo);
        const boHears = waitFor(bo, 'message:new', { where: saying('members only'), before: later, who: 'bo' });
        await askOk(ana, 'message:send', { roomId: room.id, text: 'members only' });
        await later.send();
        await boHears;
        await askOk(bystander, 'room:list');
      });
    }
  });

  it('room list, history and online counts are the same on both nodes', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(bo, 'room:join', { roomId: room.id });
    for (const text of ['one', 'two', 'three']) await askOk(ana, 'message:send', { roomId: room.id, text });
    await askOk(bo, 'message:send', { roomId: room.id, text: 'four' });

    const lateOnA = await askOk(await client(nodeA, 'cy'), 'room:join', { roomId: room.id });
    const lateOnB = await askOk(await client(nodeB, 'di'), 'room:join', { roomId: room.id });
    expect(lateOnA.history.map((m: Message) => m.text)).toEqual(['one', 'two', 'three', 'four']);
    expect(lateOnB.history).toEqual(lateOnA.history);
    expect(lateOnB.online).toBe(4);

    const listA: { rooms: Room[] } = await askOk(ana, 'room:list');
    const listB: { rooms: Room[] } = await askOk(bo, 'room:list');
    // Every room, in the same order (the online counts of earlier checkpoints' rooms may still be settling).
    expect(listB.rooms.map(({ online, ...room }) => room)).toEqual(listA.rooms.map(({ online, ...room }) => room));
    expect(listA.rooms.find((r) => r.id === room.id)).toEqual({ ...room, online: 4 });
    expect(listB.rooms.find((r) => r.id === room.id)).toEqual({ ...room, online: 4 });
  });

  it('one user with a tab on each node counts once, and a disconnect updates both nodes', async () => {
    const anaOnA = await client(nodeA, 'ana');
    const anaOnB = await client(nodeB, 'ana');
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(anaOnA, 'room:create', { name: uniqueName() });
    await askOk(anaOnA, 'room:join', { roomId: room.id });
    expect((await askOk(anaOnB, 'room:join', { roomId: room.id })).online).toBe(1);
    // Node A's presence for ana's join may still be on its way through Redis, which keeps one publisher's order:
    // a message that node A relays afterwards reaches bo after it. From then on, each presence is news.
    // It also comes after node B's presence for bo's join, written to bo right after its ack.
    const barrier = waitFor(bo, 'message:new', { where: saying('barrier'), what: 'a message node A relays afterwards' });
    const boCounted = waitFor(bo, 'room:presence', {
      where: (presence: { roomId: number; online: number }) => presence.roomId === room.id && presence.online === 2,
      before: barrier,
      who: 'bo',
      what: "the room's presence with 2 online",
    });
    expect((await askOk(bo, 'room:join', { roomId: room.id })).online).toBe(2);
    await askOk(anaOnA, 'message:send', { roomId: room.id, text: 'barrier' });
    await boCounted;

    // The disconnect's presence leaves node B after reading Redis: nothing on its road is sure to follow it, so the timeout decides.
    const boHears = waitFor(bo, 'room:presence');
    anaOnB.disconnect();
    expect(await boHears).toEqual({ roomId: room.id, online: 2 });

    const presenceOnB = waitFor(bo, 'room:presence');
    anaOnA.disconnect();
    expect(await presenceOnB).toEqual({ roomId: room.id, online: 1 });
    expect((await askOk(bo, 'room:list')).rooms.find((r: Room) => r.id === room.id)?.online).toBe(1);
  });

  it('a room created on node A is announced to clients on node B, and its name is taken there too', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const name = uniqueName('Lobby');
    // The list leaves node A after reading Redis: nothing on its road is sure to follow it, so the timeout decides.
    const announced = roomsChanged(bo, (rooms) => rooms.some((r) => r.name === name));
    const { room } = await askOk(ana, 'room:create', { name });
    expect((await announced).find((r) => r.name === name)).toEqual({ ...room, online: 0 });
    expect(await ask(bo, 'room:create', { name: room.name.toLowerCase() })).toEqual({
      ok: false,
      error: `A room named "${room.name.toLowerCase()}" already exists.`,
    });
  });

  it('two nodes creating one name in different case and Unicode forms at the same moment: exactly one succeeds', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    for (let round = 0; round < 5; round++) {
      // "Café" with é as one character, and "CAFE" + a combining accent: one name once normalized (NFC).
      const name = uniqueName('Café');
      const rival = name.toUpperCase().replace('É', 'E\u0301');
      const answers = await Promise.all([ask(ana, 'room:create', { name }), ask(bo, 'room:create', { name: rival })]);
      expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
      const refused = answers.find((answer) => !answer.ok);
      expect(refused).toEqual({ ok: false, error: `A room named "${refused === answers[0] ? name : rival}" already exists.` });
    }
  });

  it('room and message ids are unique across nodes', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const rooms: Room[] = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => (await askOk(i % 2 ? ana : bo, 'room:create', { name: uniqueName() })).room),
    );
    expect(new Set(rooms.map((r) => r.id)).size).toBe(10);

    const room = rooms[0]!;
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(bo, 'room:join', { roomId: room.id });
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => askOk(i % 2 ? ana : bo, 'message:send', { roomId: room.id, text: `m${i}` })),
    );
    expect(new Set(sent.map((answer) => answer.message.id)).size).toBe(20);
  });

  it('a close on node A reaches members on node B and takes them out of the room there, and only the owner may close', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const name = uniqueName();
    const listsOnB = createdThenClosed(bo, name);
    const { room } = await askOk(ana, 'room:create', { name });
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(bo, 'room:join', { roomId: room.id });
    expect(await ask(bo, 'room:close', { roomId: room.id })).toEqual({
      ok: false,
      error: `Only ana, who created "${room.name}", may close it.`,
    });

    // room:closed leaves node A with the ack; a room announced after it takes the same road to bo.
    const later = announcedLater(ana, bo);
    const closed = waitFor(bo, 'room:closed', { before: later, who: 'bo' });
    expect(await ask(ana, 'room:close', { roomId: room.id })).toEqual({ ok: true });
    await later.send();
    expect(await closed).toEqual({ roomId: room.id });
    // Node A sent a list without the room after the close's socketsLeave (its own, or the barrier's): once bo has it, node B has taken bo out.
    await listsOnB;
    expect(await ask(bo, 'room:leave', { roomId: room.id })).toEqual({
      ok: false,
      error: `You are not in room ${room.id}.`,
    });
    expect((await askOk(bo, 'room:list')).rooms.find((r: Room) => r.id === room.id)).toBeUndefined();
  });

  it('a member whose room was just closed on another node cannot send to it, and nothing is stored', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    await askOk(bo, 'room:join', { roomId: room.id });
    // The moment between a close's delete in Redis and its socketsLeave reaching node B, held still:
    // the room is deleted exactly as room:close deletes it, and bo is still in the socket.io room.
    const store = await openStore(redis.url);
    await store.deleteRoom(room).finally(() => store.close());

    expect(await ask(bo, 'message:send', { roomId: room.id, text: 'anyone?' })).toEqual({
      ok: false,
      error: `There is no room ${room.id}.`,
    });
    expect(await inRedis((r) => r.exists(KEY.messages(room.id)))).toBe(0);
    // A join there is refused too, and leaves no trace: not even for a moment in the socket.io room.
    const cy = await client(nodeB, 'cy');
    expect(await ask(cy, 'room:join', { roomId: room.id })).toEqual({ ok: false, error: `There is no room ${room.id}.` });
    expect(await ask(cy, 'room:leave', { roomId: room.id })).toEqual({
      ok: false,
      error: `You are not in room ${room.id}.`,
    });
  });

  it('sends and a join racing a close on another node leave no message and no member behind', async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const cy = await client(nodeB, 'cy');
    const heardByCy = recordEvents(cy);
    for (let round = 0; round < 15; round++) {
      const name = uniqueName('race');
      const listsOnB = createdThenClosed(bo, name);
      const { room } = await askOk(ana, 'room:create', { name });
      await askOk(ana, 'room:join', { roomId: room.id });
      await askOk(bo, 'room:join', { roomId: room.id });
      const [closed, , joined] = await Promise.all([
        ask(ana, 'room:close', { roomId: room.id }),
        Promise.all(['one', 'two', 'three'].map((text) => ask(bo, 'message:send', { roomId: room.id, text }))),
        ask(cy, 'room:join', { roomId: room.id }),
      ]);
      expect(closed).toEqual({ ok: true });
      await listsOnB; // node B has handled the close's socketsLeave
      // Whatever order they ran in: no stream outlives its room...
      expect(await inRedis((r) => r.exists(KEY.messages(room.id))), `round ${round}`).toBe(0);
      // ...and cy is out of the room: refused at once, or let in and then told, with the others.
      expect(await ask(cy, 'room:leave', { roomId: room.id })).toEqual({
        ok: false,
        error: `You are not in room ${room.id}.`,
      });
      if (joined.ok) expect(heardByCy, `round ${round}`).toContainEqual(['room:closed', { roomId: room.id }]);
    }
  });

  it('a room keeps about its newest 1000 messages in Redis, and its history is still the last 50', async () => {
    const ana = await client(nodeA, 'ana');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    // 1,200 messages, written straight through the store (as fast as Redis takes them).
    const store = await openStore(redis.url);
    await Promise.all(Array.from({ length: STREAM_MAX + 200 }, (_, i) => store.addMessage(room.id, 'ana', `m${i}`))).finally(() =>
      store.close(),
    );

    // MAXLEN ~ trims whole blocks of entries (100 by default), so "about": 1000 to 1100.
    const length = await inRedis((r) => r.xLen(KEY.messages(room.id)));
    expect(length).toBeGreaterThanOrEqual(STREAM_MAX);
    expect(length).toBeLessThanOrEqual(STREAM_MAX + 100);
    const { history } = await askOk(await client(nodeB, 'bo'), 'room:join', { roomId: room.id });
    expect(history.map((message: Message) => message.text)).toEqual(
      Array.from({ length: 50 }, (_, i) => `m${STREAM_MAX + 150 + i}`),
    );
  });

  it("a non-member's send and a join to an unknown room are refused", async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    await askOk(ana, 'room:join', { roomId: room.id });
    const cy = await client(nodeB, 'cy');
    await expectSilence(ana, 'message:new', async () => {
      expect(await ask(bo, 'message:send', { roomId: room.id, text: 'let me in' })).toEqual({
        ok: false,
        error: `Join room ${room.id} before sending to it.`,
      });
      // The barrier takes the road a leak would: from node B, through Redis, to ana on node A.
      // And cy's presence has one of its own: a room node B announces after it.
      const later = announcedLater(cy, ana);
      const cyArrives = waitFor(ana, 'room:presence', {
        where: (presence: { roomId: number; online: number }) => presence.roomId === room.id && presence.online === 2,
        before: later,
        who: 'ana',
        what: "the room's presence with cy, 2 online",
      });
      await askOk(cy, 'room:join', { roomId: room.id });
      await later.send();
      await cyArrives;
    });
    expect(await ask(bo, 'room:join', { roomId: 999_999 })).toEqual({ ok: false, error: 'There is no room 999999.' });
  });

  it('an invalid username in the handshake is refused', async () => {
    for (const auth of [{}, { username: '' }, { username: 'a b' }, { username: 'x'.repeat(33) }, { username: 42 }]) {
      const error = await connectError(nodeB.url, { auth });
      expect(error.message).toBe('The username is invalid: use 1 to 32 letters, digits, _ or -.');
    }
  });

  it('malformed payloads for every event get an error ack, and the node still answers', async () => {
    const ana = await client(nodeA, 'ana');
    const bad: unknown[] = [
      undefined,
      null,
      'text',
      42,
      [],
      {},
      { roomId: '1' },
      { roomId: -1 },
      { name: 'x'.repeat(65) },
      { name: 'new\nline' },
      { text: 'x'.repeat(2001) },
    ];
    const events = ['room:create', 'room:join', 'room:leave', 'message:send', 'room:close'] as const;
    for (const event of events) {
      for (const payload of bad) {
        const answer = await ask(ana, event, payload);
        expect(answer, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: expect.any(String) });
      }
      // A lone callback: the ack is the first argument.
      expect(await ask(ana, event)).toMatchObject({ ok: false });
    }
    expect(await ask(ana, 'room:list', { extra: true })).toMatchObject({ ok: false });
    // Names no event of ours has, some of them Object.prototype's: answered, never a crash.
    for (const event of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'no:such:event'])
      expect(await ask(ana, event, {}), `an event named ${event}`).toEqual({ ok: false, error: `There is no event "${event}".` });
    (ana as any).emit('message:send', { roomId: 1, text: 'no ack at all' });
    expect(await ask(ana, 'room:list')).toMatchObject({ ok: true });
  });

  it('with Redis stopped requests get an error ack but a leave still leaves, and when it is back the chat works again', {
    timeout: 30_000,
  }, async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(bo, 'room:join', { roomId: room.id });

    // Messages keep flowing from A to B while Redis goes away under them, mid-request: paced under
    // the token bucket (SEND_RATE a second), so that every refusal is Redis's, never the bucket's.
    let sending = true;
    const answers: { ok: boolean }[] = [];
    const sender = (async () => {
      while (sending) {
        answers.push(await ask(ana, 'message:send', { roomId: room.id, text: 'busy' }));
        await new Promise((resolve) => setTimeout(resolve, 1500 / SEND_RATE));
      }
    })();
    sender.catch(() => undefined); // awaited below; a send that is never answered fails it there
    await redis.stop();
    try {
      // No barrier: how soon a node sees Redis gone is up to its connection, so the timeout decides.
      await eventually(() => answers.some((answer) => !answer.ok), 'a failed send');
      sending = false;
      await sender;
      expect(answers.filter((answer) => !answer.ok)).toContainEqual({ ok: false, error: STORE_DOWN });
      expect(await ask(bo, 'room:list')).toEqual({ ok: false, error: STORE_DOWN });
      expect(await ask(bo, 'room:create', { name: uniqueName() })).toEqual({ ok: false, error: STORE_DOWN });
      // A leave is done at once: only telling the others needs Redis. A failed join leaves no trace.
      expect(await ask(bo, 'room:leave', { roomId: room.id })).toEqual({ ok: true });
      expect(await ask(bo, 'room:join', { roomId: room.id })).toEqual({ ok: false, error: STORE_DOWN });
      expect(await ask(bo, 'room:leave', { roomId: room.id })).toEqual({
        ok: false,
        error: `You are not in room ${room.id}.`,
      });
      // Both nodes are still up, and still connected to their clients.
      expect([nodeA.child.exitCode, nodeB.child.exitCode]).toEqual([null, null]);
      expect(ana.connected && bo.connected).toBe(true);
    } finally {
      // Back even when an assertion above failed: the checkpoints after this one need Redis.
      sending = false;
      await redis.start();
    }
    // node-redis reconnects by itself within half a second of Redis being back.
    await answersAgain(ana);
    await answersAgain(bo);
    const fresh = (await askOk(ana, 'room:create', { name: uniqueName() })).room;
    await askOk(ana, 'room:join', { roomId: fresh.id });
    await askOk(bo, 'room:join', { roomId: fresh.id });
    await relayedAgain(ana, bo, fresh.id);
    const later = announcedLater(ana, bo);
    const boHears = waitFor(bo, 'message:new', { where: saying('back again'), before: later, who: 'bo' });
    await askOk(ana, 'message:send', { roomId: fresh.id, text: 'back again' });
    await later.send();
    expect(await boHears).toMatchObject({ author: 'ana', text: 'back again' });
  });

  it('when Redis comes back empty, old members leave their rooms, and a new room with the same id does not reach them', {
    timeout: 30_000,
  }, async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const cy = await client(nodeA, 'cy');
    const old = (await askOk(ana, 'room:create', { name: uniqueName() })).room;
    await askOk(ana, 'room:join', { roomId: old.id });
    await askOk(bo, 'room:join', { roomId: old.id });

    // No barrier: each node finds out when its connection to Redis comes back, so a generous timeout decides.
    const told = [waitFor(ana, 'room:closed', 10_000), waitFor(bo, 'room:closed', 10_000)];
    await redis.stop();
    await redis.start();
    // This Redis keeps nothing on disk: the rooms are gone, and each node tells its own members.
    expect(await Promise.all(told)).toEqual([{ roomId: old.id }, { roomId: old.id }]);

    // Its counters start again at 1: count up to the old room's id.
    let reused = (await askOk(cy, 'room:create', { name: uniqueName() })).room;
    while (reused.id < old.id) reused = (await askOk(cy, 'room:create', { name: uniqueName() })).room;
    expect(reused.id).toBe(old.id);
    await askOk(cy, 'room:join', { roomId: reused.id });
    const later = (await askOk(cy, 'room:create', { name: uniqueName() })).room;
    for (const socket of [cy, ana, bo]) await askOk(socket, 'room:join', { roomId: later.id });
    await relayedAgain(cy, bo, later.id);

    // cy writes in the new room, then in one that ana and bo are in: the barrier, on the same road.
    const heard = [recordEvents(ana), recordEvents(bo)];
    const barrier = [ana, bo].map((socket) => waitFor(socket, 'message:new', { where: saying('barrier') }));
    await askOk(cy, 'message:send', { roomId: reused.id, text: 'for the new room only' });
    await askOk(cy, 'message:send', { roomId: later.id, text: 'barrier' });
    await Promise.all(barrier);
    for (const events of heard) {
      expect(events.filter(([event, message]) => event === 'message:new' && (message as Message).roomId === reused.id)).toEqual(
        [],
      );
    }
    for (const socket of [ana, bo]) {
      expect(await ask(socket, 'message:send', { roomId: reused.id, text: 'me too' })).toEqual({
        ok: false,
        error: `Join room ${reused.id} before sending to it.`,
      });
    }
  });

  it("lab 07's limits on both nodes: a packet over maxHttpBufferSize closes that connection only, and nobody on the other node hears it", async () => {
    const alice = await client(nodeA, 'alice');
    const mallory = await client(nodeB, 'mallory');
    const { room } = await askOk(alice, 'room:create', { name: uniqueName() });
    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(mallory, 'room:join', { roomId: room.id });

    const firstHeard = waitFor(alice, 'message:new');
    // Closed, or answered: an ack would mean node B read the packet (its error ack comes at once).
    const closed = new Promise<string>((resolve) => mallory.once('disconnect', (reason) => resolve(`closed: ${reason}`)));
    const answered = ask(mallory, 'message:send', { roomId: room.id, text: 'x'.repeat(MAX_PACKET_BYTES) }).then(
      (answer) => `answered ${JSON.stringify(answer).slice(0, 80)}`,
      () => 'closed before it answered',
    );
    expect(await Promise.race([closed, answered]), 'node B should close a connection that sends a packet over 100 KB').toBe(
      'closed: transport close',
    );
    // Barrier: Redis keeps node B's order, so a message node B relays now reaches alice after anything it published before.
    const bob = await client(nodeB, 'bob');
    await askOk(bob, 'room:join', { roomId: room.id });
    await askOk(bob, 'message:send', { roomId: room.id, text: 'barrier' });
    expect(await firstHeard, "the first message alice hears should be bob's, not the oversized one").toMatchObject({
      author: 'bob',
      text: 'barrier',
    });
  });

  it('a socket that floods one node is answered { ok: false, error } once its bucket is empty, and a member on the other node still sends', async () => {
    const flooder = await client(nodeA, 'flooder');
    const bob = await client(nodeB, 'bob');
    const { room } = await askOk(flooder, 'room:create', { name: uniqueName() });
    await askOk(flooder, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });

    // A full bucket, then 100 more than it holds, all at once: the refill (20 a second) cannot keep up.
    const answers = await Promise.all(
      Array.from({ length: SEND_BURST + 100 }, (_, i) => ask(flooder, 'message:send', { roomId: room.id, text: `flood ${i}` })),
    );
    expect(
      answers.slice(0, SEND_BURST).every((answer) => answer.ok),
      `the first ${SEND_BURST} of a burst should all be accepted`,
    ).toBe(true);
    const refused = answers.filter((answer) => !answer.ok);
    expect(refused.length, 'a burst far over the bucket should be refused in part').toBeGreaterThan(0);
    expect(refused).toEqual(refused.map(() => ({ ok: false, error: RATE_ERROR })));
    expect((await askOk(bob, 'message:send', { roomId: room.id, text: 'my turn' })).message.text).toBe('my turn');
  });

  it('a node killed with SIGKILL drops its users from online within 15 seconds, and the room is told', {
    timeout: 30_000,
  }, async () => {
    const ana = await client(nodeA, 'ana');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName() });
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(await client(nodeB, 'cy'), 'room:join', { roomId: room.id });
    await askOk(await client(nodeB, 'di'), 'room:join', { roomId: room.id });
    expect((await askOk(ana, 'room:list')).rooms.find((r: Room) => r.id === room.id)?.online).toBe(3);

    // A crash: no 'disconnecting', no cleanup. Only the TTL on node B's presence can heal it,
    // and the heartbeat of a live node tells the room. (Last in this file: node B is gone after it.)
    // No barrier: only a TTL running out can heal it, so the timeout decides.
    const healed = waitFor(ana, 'room:presence', {
      where: (presence: { roomId: number; online: number }) => presence.roomId === room.id && presence.online === 1,
      timeoutMs: 15_000,
    });
    await nodeB.stop('SIGKILL');
    await healed;
    expect((await askOk(ana, 'room:list')).rooms.find((r: Room) => r.id === room.id)?.online).toBe(1);
  });
});
