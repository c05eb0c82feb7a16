// Checkpoints on two real nodes: the adapter relays what one node emits to the other's clients,
// fetchSockets counts across both, and a load balancer without sticky sessions breaks long polling.
import { COULD_NOT_SAVE, MAX_PACKET_BYTES, RATE_ERROR, SEND_BURST, startLab } from '@labs/shared';
import { ask, askOk, waitFor } from '@labs/shared/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Message, RELAY_DOWN, type Room } from '../src/events.ts';
import { attach } from '../src/server.ts';
import {
  announcedLater,
  answersUntil,
  client,
  labDir,
  relayedAgain,
  roundRobinProxy,
  uniqueName,
  useNodes,
  useRedis,
} from './helpers.ts';

const redis = useRedis();
const { nodes, tmp } = useNodes(redis);
const [nodeA, nodeB] = nodes;

describe('lab 09: the room chat on two nodes', () => {
  it('two nodes share one SQLite file and one adapter: a room made on node A is joined and chatted in from node B', async () => {
    const alice = await client(nodeA, 'alice');
    const bob = await client(nodeB, 'bob');
    const name = uniqueName('Kitchen');
    // The room list leaves node A after counting on every node: nothing on its road is sure to follow it, so the timeout decides.
    const bobHears = waitFor<Room[]>(bob, 'rooms:changed');
    const { room } = await askOk(alice, 'room:create', { name });
    // io.emit on node A reached a client of node B: the adapter relayed it through Redis.
    expect((await bobHears).map((r) => r.name)).toContain(name);

    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });
    // The message leaves node A with the ack; a room node A announces afterwards takes the same road to bob.
    const later = announcedLater(alice, bob);
    const bobGets = waitFor(bob, 'message:new', { before: later, who: 'bob', what: "alice's message" });
    const { message } = await askOk(alice, 'message:send', { roomId: room.id, text: 'hello from node A' });
    await later.send();
    expect(await bobGets).toEqual(message);
    // Node B reads what node A wrote: the same file.
    expect((await askOk(bob, 'room:join', { roomId: room.id })).history).toEqual([message]);
  });

  it('the online count adds up both nodes: a user with a tab on each counts once', async () => {
    const aliceA = await client(nodeA, 'alice');
    const aliceB = await client(nodeB, 'alice');
    const bobB = await client(nodeB, 'bob');
    const { room } = await askOk(aliceA, 'room:create', { name: uniqueName('Lounge') });

    expect((await askOk(aliceA, 'room:join', { roomId: room.id })).online).toBe(1);
    expect((await askOk(aliceB, 'room:join', { roomId: room.id })).online).toBe(1);
    expect((await askOk(bobB, 'room:join', { roomId: room.id })).online).toBe(2);
    const { rooms } = await askOk(aliceA, 'room:list');
    expect(rooms.find((r: Room) => r.id === room.id)?.online).toBe(2);
  });

  it('a close on node A takes the members on node B out of the room', async () => {
    const alice = await client(nodeA, 'alice');
    const bob = await client(nodeB, 'bob');
    const { room } = await askOk(alice, 'room:create', { name: uniqueName('Cellar') });
    await askOk(bob, 'room:join', { roomId: room.id });
    const later = announcedLater(alice, bob);
    const bobClosed = waitFor(bob, 'room:closed', { before: later, who: 'bob' });
    await askOk(alice, 'room:close', { roomId: room.id });
    await later.send();
    expect(await bobClosed).toEqual({ roomId: room.id });
    // socketsLeave was relayed too, before the barrier: once bob has that, on node B he is no longer in the socket.io room.
    await later;
    expect(await ask(bob, 'room:leave', { roomId: room.id })).toEqual({ ok: false, error: `You are not in room ${room.id}.` });
  });

  it('the nodes accept websocket only: a long-polling handshake is refused with Transport unknown', async () => {
    const answer = await fetch(new URL('/socket.io/?EIO=4&transport=polling', nodeA.url));
    expect({ status: answer.status, body: await answer.json() }).toEqual({
      status: 400,
      body: { code: 0, message: 'Transport unknown' },
    });
  });

  it('behind a round-robin proxy with long polling allowed, the second request meets 400 Session ID unknown', async () => {
    // Two nodes that still allow long polling, as socket.io does by default.
    const options = { serverOptions: { transports: ['polling' as const, 'websocket' as const] }, port: 0 };
    const start = (n: number) =>
      startLab({
        labDir,
        ...options,
        attach: (io) => attach(io, { dbFile: join(tmp.path, `polling-${n}.db`), redisUrl: redis.url }),
      });
    const pollingNodes = [await start(1), await start(2)];
    const proxy = await roundRobinProxy(pollingNodes.map((node) => node.port));
    try {
      // The handshake lands on the first node, which gives the session its id.
      const handshake = await fetch(new URL('/socket.io/?EIO=4&transport=polling', proxy.url));
      const { sid } = JSON.parse((await handshake.text()).slice(1));
      // The next poll carries that id to the second node, which has never heard of it.
      const poll = await fetch(new URL(`/socket.io/?EIO=4&transport=polling&sid=${sid}`, proxy.url));
      expect({ status: poll.status, body: await poll.json() }).toEqual({
        status: 400,
        body: { code: 1, message: 'Session ID unknown' },
      });
    } finally {
      await proxy.close();
      await Promise.all(pollingNodes.map((node) => node.close()));
    }
  });

  it('behind the same proxy, websocket-only clients on both nodes chat in one room', async () => {
    const proxy = await roundRobinProxy([nodeA, nodeB].map((node) => Number(new URL(node.url).port)));
    try {
      // One upgrade each, so alice's socket lives on one node and bob's on the other.
      const alice = await client(proxy, 'alice');
      const bob = await client(proxy, 'bob');
      const { room } = await askOk(alice, 'room:create', { name: uniqueName('Porch') });
      await askOk(alice, 'room:join', { roomId: room.id });
      expect((await askOk(bob, 'room:join', { roomId: room.id })).online).toBe(2);
      const later = announcedLater(bob, alice);
      const aliceGets = waitFor(alice, 'message:new', { before: later, who: 'alice', what: "bob's message" });
      const { message } = await askOk(bob, 'message:send', { roomId: room.id, text: 'one connection, one node' });
      await later.send();
      expect(await aliceGets).toEqual(message);
    } finally {
      await proxy.close();
    }
  });

  it("a hung node stalls fetchSockets: room:list on the other node answers an error after the adapter's 5 s, then works once it resumes", {
    timeout: 40_000,
  }, async () => {
    const alice = await client(nodeA, 'alice');
    await askOk(alice, 'room:create', { name: uniqueName('Waiting room') }); // a room, so room:list counts its members
    nodeB.child.kill('SIGSTOP'); // still connected to Redis, so the adapter waits for its answer
    try {
      // (node A logs the failed request on stderr: one line is expected here)
      expect(await alice.timeout(20_000).emitWithAck('room:list')).toEqual({ ok: false, error: COULD_NOT_SAVE });
    } finally {
      nodeB.child.kill('SIGCONT');
    }
    expect((await askOk(alice, 'room:list')).ok).toBe(true);
  });

  it("lab 07's limits on both nodes: a packet over maxHttpBufferSize closes that connection only, and nobody on the other node hears it", async () => {
    const alice = await client(nodeA, 'alice');
    const mallory = await client(nodeB, 'mallory');
    const { room } = await askOk(alice, 'room:create', { name: uniqueName('Heavy') });
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
    const { room } = await askOk(flooder, 'room:create', { name: uniqueName('Flood') });
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

  it('while Redis is away every request is answered { ok: false, error } and no node crashes; once it is back, a message crosses again', {
    timeout: 30_000,
  }, async () => {
    const ana = await client(nodeA, 'ana');
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(ana, 'room:create', { name: uniqueName('Outage') });
    await askOk(ana, 'room:join', { roomId: room.id });
    await askOk(bo, 'room:join', { roomId: room.id });

    await redis.stop();
    try {
      const refused = { ok: false, error: RELAY_DOWN };
      // No barrier: how soon a node sees Redis gone is up to its connection, so a bound decides.
      await answersUntil(ana, refused, 'node A to refuse once Redis is gone');
      // A message it could store but not relay is refused, not acked and then lost on the way to node B.
      expect(await ask(ana, 'message:send', { roomId: room.id, text: 'into the void' })).toEqual(refused);
      await answersUntil(bo, refused, 'node B to refuse once Redis is gone');
      expect(await ask(bo, 'room:create', { name: uniqueName('Outage') })).toEqual(refused);
      expect(await ask(bo, 'room:join', { roomId: room.id })).toEqual(refused);
      expect([nodeA.child.exitCode, nodeB.child.exitCode], 'both nodes still running').toEqual([null, null]);
      expect(ana.connected && bo.connected, 'both clients still connected').toBe(true);
    } finally {
      // Back even when an assertion above failed: the checkpoints after this one need Redis.
      await redis.start();
    }
    // node-redis reconnects by itself, backing off up to about 2 s: a bound decides.
    for (const socket of [ana, bo]) await answersUntil(socket, { ok: true }, 'an answer again once Redis is back');
    await relayedAgain(ana, bo, room.id);
    // Nothing sent during the outage was stored.
    const { history } = await askOk(bo, 'room:join', { roomId: room.id });
    expect(history.map((message: Message) => message.text)).not.toContain('into the void');
  });
});
