// Checkpoints through socket.io-client in node: the room chat's events, who hears them,
// and what the SQLite file keeps, on a real database file in a temp folder.
import { startLab } from '@labs/shared';
import {
  ask,
  askOk,
  connectError,
  eventually,
  expectSilence,
  PROVOKED,
  quiet,
  waitFor,
  type AnySocket,
} from '@labs/shared/testing';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message, Room } from '../src/events.ts';
import { FLOOD_CUTOFF, MAX_PACKET_BYTES, RATE_ERROR, SEND_BURST, SEND_RATE } from '@labs/shared';
import { attach } from '../src/server.ts';
import { labDir, login, uniqueName, useRoomChat } from './helpers.ts';

const { lab, tmp, dbFile } = useRoomChat();

describe('lab 07: the room chat server', () => {
  it('a missing or invalid username is refused at the handshake', async () => {
    for (const auth of [
      {},
      { username: '' },
      { username: 'two words' },
      { username: 'x'.repeat(33) },
      { username: 42 },
      { username: '<b>' },
    ]) {
      const error = await connectError(lab.url, { auth });
      expect(error.message, JSON.stringify(auth)).toMatch(/username/i);
    }
    await login(lab.url, 'Valid_name-1');
    await login(lab.url, 'x'.repeat(32)); // the longest name allowed
  });

  it('a new room is acked with its id, name, owner, date and online count, and every client hears rooms:changed', async () => {
    const alice = await login(lab.url, 'alice');
    const bob = await login(lab.url, 'bob');
    const bobHears = waitFor<Room[]>(bob, 'rooms:changed', { before: quiet });
    const aliceHears = waitFor<Room[]>(alice, 'rooms:changed', { before: quiet });
    const name = uniqueName('Kitchen');

    const answer = await askOk(alice, 'room:create', { name: `  ${name} ` });

    expect(answer).toEqual({
      ok: true,
      room: { id: expect.any(Number), name, owner: 'alice', createdAt: expect.any(String), online: 0 },
    });
    expect(new Date(answer.room.createdAt).toISOString()).toBe(answer.room.createdAt);
    const rooms = await bobHears;
    expect(rooms.at(-1)).toEqual(answer.room);
    expect(await aliceHears).toEqual(rooms);
  });

  it('a room name is 1 to 64 characters without control characters, and unique ignoring case', async () => {
    const alice = await login(lab.url, 'alice');
    const name = uniqueName('Äpfel');
    await askOk(alice, 'room:create', { name });
    // "Ä" typed as one character (NFC) or as "A" plus a combining diaeresis (NFD) is the same name.
    for (const taken of [name.toUpperCase(), name.toLowerCase(), name.normalize('NFD')]) {
      expect(await ask(alice, 'room:create', { name: taken })).toEqual({
        ok: false,
        error: expect.stringMatching(/already exists/),
      });
    }
    for (const bad of ['', '   ', 'x'.repeat(65)]) {
      expect(await ask(alice, 'room:create', { name: bad })).toEqual({ ok: false, error: expect.stringMatching(/1 to 64/) });
    }
    for (const bad of ['\u0000', 'two\nlines', 'bell\u0007', 'tab\there']) {
      expect(await ask(alice, 'room:create', { name: bad })).toEqual({
        ok: false,
        error: expect.stringMatching(/control characters/),
      });
    }
    // The boundaries themselves are accepted: 64 characters, and a single one.
    const longest = uniqueName('Long').padEnd(64, '.');
    expect((await askOk(alice, 'room:create', { name: longest })).room.name).toBe(longest);
    expect((await askOk(alice, 'room:create', { name: 'Z' })).room.name).toBe('Z');
  });

  it('a room name with quotes and SQL in it is stored as plain text, never run', async () => {
    const alice = await login(lab.url, 'alice');
    const name = uniqueName(`Bobby's room"; DROP TABLE rooms; --`);
    const room = (await askOk(alice, 'room:create', { name })).room;
    expect(room.name).toBe(name);
    await askOk(alice, 'room:join', { roomId: room.id });
    const text = `it's'); DELETE FROM messages; --`;
    expect((await askOk(alice, 'message:send', { roomId: room.id, text })).message.text).toBe(text);

    // Both tables are still there, and hold exactly what was typed.
    const { rooms } = await askOk(alice, 'room:list');
    expect(rooms.find((r: Room) => r.id === room.id)?.name).toBe(name);
    expect((await askOk(alice, 'room:join', { roomId: room.id })).history.map((m: Message) => m.text)).toEqual([text]);
  });

  it('room:list answers every room with its online count, oldest first', async () => {
    const alice = await login(lab.url, 'alice');
    const first = (await askOk(alice, 'room:create', { name: uniqueName('Attic') })).room;
    const second = (await askOk(alice, 'room:create', { name: uniqueName('Basement') })).room;
    await askOk(alice, 'room:join', { roomId: second.id });

    const { rooms } = await askOk(alice, 'room:list');

    expect(rooms.slice(-2)).toEqual([first, { ...second, online: 1 }]);
    const ids = rooms.map((room: Room) => room.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('joining a room answers the room, its online count and its last 50 messages, oldest first', async () => {
    const alice = await login(lab.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Library') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    // Each send is awaited: a message is stored before its ack, so the join below must find it.
    for (let n = 1; n <= 55; n++) await askOk(alice, 'message:send', { roomId: room.id, text: `message ${n}` });

    const bob = await login(lab.url, 'bob');
    const joined = await askOk(bob, 'room:join', { roomId: room.id });

    expect(joined.room).toEqual({ ...room, online: 2 });
    expect(joined.online).toBe(2);
    expect(joined.history.map((m: Message) => m.text)).toEqual(Array.from({ length: 50 }, (_, i) => `message ${i + 6}`));
    expect(joined.history[0]).toEqual({
      id: expect.any(Number),
      roomId: room.id,
      author: 'alice',
      text: 'message 6',
      createdAt: expect.any(String),
    });
  });

  it('a message reaches every member, the sender included, and nobody outside the room', async () => {
    const alice = await login(lab.url, 'alice');
    const bob = await login(lab.url, 'bob');
    const carol = await login(lab.url, 'carol');
    const dave = await login(lab.url, 'dave');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Garden') })).room;
    const otherRoom = (await askOk(carol, 'room:create', { name: uniqueName('Garage') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });
    await askOk(carol, 'room:join', { roomId: otherRoom.id }); // a member of another room; dave stays in the lobby

    const aliceGets = waitFor<Message>(alice, 'message:new', { before: quiet });
    const bobGets = waitFor<Message>(bob, 'message:new', { before: quiet });
    let sent: Message | undefined;
    await expectSilence(carol, 'message:new', () =>
      expectSilence(dave, 'message:new', async () => {
        sent = (await askOk(alice, 'message:send', { roomId: room.id, text: 'hello garden' })).message;
        expect(await aliceGets).toEqual(sent);
        expect(await bobGets).toEqual(sent);
        // Barriers: each bystander's own ack comes after anything the broadcast could have sent it.
        await ask(carol, 'room:list');
        await ask(dave, 'room:list');
      }),
    );
    expect(sent).toEqual({
      id: expect.any(Number),
      roomId: room.id,
      author: 'alice',
      text: 'hello garden',
      createdAt: expect.any(String),
    });
  });

  it('a message of exactly 2000 characters, or of a single space, is accepted', async () => {
    const alice = await login(lab.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Boundaries') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    for (const text of ['x'.repeat(2000), ' ', '!'])
      expect((await askOk(alice, 'message:send', { roomId: room.id, text })).message.text).toBe(text);
    expect(await ask(alice, 'message:send', { roomId: room.id, text: 'x'.repeat(2001) })).toEqual({
      ok: false,
      error: 'A message is 1 to 2000 characters.',
    });
  });

  it('the author comes from the handshake, never from the payload', async () => {
    const alice = await login(lab.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Hall') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    const forged = { roomId: room.id, text: 'who am I', author: 'mallory', username: 'mallory' };
    const { message } = await askOk(alice, 'message:send', forged);
    expect(message.author).toBe('alice');
    expect(
      (await askOk(alice, 'room:create', { name: uniqueName('Forged'), owner: 'mallory' } as { name: string })).room.owner,
    ).toBe('alice');
  });

  it('a send from a socket that has not joined the room is refused, stored nowhere and heard by nobody', async () => {
    const alice = await login(lab.url, 'alice');
    const mallory = await login(lab.url, 'mallory');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Vault') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });

    await expectSilence(alice, 'message:new', async () => {
      const answer = await ask(mallory, 'message:send', { roomId: room.id, text: 'let me in' });
      expect(answer).toEqual({ ok: false, error: `Join room ${room.id} before sending to it.` });
      await ask(alice, 'room:list'); // barrier: alice's own ack
    });
    expect((await askOk(mallory, 'room:join', { roomId: room.id })).history).toEqual([]);
  });

  it('a socket that leaves hears nothing more from the room, and cannot leave twice', async () => {
    const alice = await login(lab.url, 'alice');
    const bob = await login(lab.url, 'bob');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Porch') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });

    expect(await ask(bob, 'room:leave', { roomId: room.id })).toEqual({ ok: true });
    await expectSilence(bob, 'message:new', async () => {
      const aliceGets = waitFor(alice, 'message:new', { before: quiet });
      await askOk(alice, 'message:send', { roomId: room.id, text: 'bob is gone' });
      await aliceGets;
      await ask(bob, 'room:list'); // barrier: bob's own ack
    });
    expect(await ask(bob, 'room:leave', { roomId: room.id })).toEqual({ ok: false, error: `You are not in room ${room.id}.` });
  });

  it('online counts a user with two tabs once, and drops on leave and on disconnect', async () => {
    const aliceTab1 = await login(lab.url, 'alice');
    const aliceTab2 = await login(lab.url, 'alice');
    const bob = await login(lab.url, 'bob');
    const room = (await askOk(aliceTab1, 'room:create', { name: uniqueName('Lounge') })).room;
    const presence = (online: number) => ({ roomId: room.id, online });

    let heard = waitFor(aliceTab1, 'room:presence', { before: quiet });
    expect((await askOk(aliceTab1, 'room:join', { roomId: room.id })).online).toBe(1);
    expect(await heard).toEqual(presence(1));

    heard = waitFor(aliceTab1, 'room:presence', { before: quiet });
    expect((await askOk(aliceTab2, 'room:join', { roomId: room.id })).online).toBe(1); // the same user, a second tab
    expect(await heard).toEqual(presence(1));

    heard = waitFor(aliceTab1, 'room:presence', { before: quiet });
    expect((await askOk(bob, 'room:join', { roomId: room.id })).online).toBe(2);
    expect(await heard).toEqual(presence(2));

    heard = waitFor(bob, 'room:presence', { before: quiet });
    await askOk(aliceTab1, 'room:leave', { roomId: room.id });
    expect(await heard).toEqual(presence(2)); // alice is still here in her other tab

    heard = waitFor(bob, 'room:presence', { before: quiet });
    aliceTab2.disconnect();
    expect(await heard).toEqual(presence(1));

    const { rooms } = await askOk(bob, 'room:list');
    expect(rooms.find((r: Room) => r.id === room.id)?.online).toBe(1);
  });

  it("a non-owner's close is refused and changes nothing", async () => {
    const alice = await login(lab.url, 'alice');
    const bob = await login(lab.url, 'bob');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Studio') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });

    await expectSilence(bob, ['room:closed', 'rooms:changed'], async () => {
      const answer = await ask(bob, 'room:close', { roomId: room.id });
      expect(answer).toEqual({ ok: false, error: expect.stringMatching(/^Only alice, who created/) });
      await askOk(bob, 'message:send', { roomId: room.id, text: 'still open' }); // barrier, and proof bob is still a member
    });
    const { rooms } = await askOk(bob, 'room:list');
    expect(rooms.find((r: Room) => r.id === room.id)).toEqual({ ...room, online: 2 });
  });

  it("the owner's close reaches the members, empties the room and deletes it with its messages", async () => {
    const alice = await login(lab.url, 'alice');
    const bob = await login(lab.url, 'bob');
    const carol = await login(lab.url, 'carol'); // in the lobby
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Cellar') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });
    await askOk(bob, 'message:send', { roomId: room.id, text: 'soon gone' });
    const bobClosed = waitFor(bob, 'room:closed', { before: quiet });
    const carolChanged = waitFor<Room[]>(carol, 'rooms:changed', { before: quiet });

    expect(await ask(alice, 'room:close', { roomId: room.id })).toEqual({ ok: true });

    expect(await bobClosed).toEqual({ roomId: room.id });
    expect((await carolChanged).map((r) => r.id)).not.toContain(room.id);
    // bob is out of the socket.io room (nothing left to leave), and the room is gone from the database.
    expect(await ask(bob, 'room:leave', { roomId: room.id })).toEqual({ ok: false, error: `You are not in room ${room.id}.` });
    expect(await ask(bob, 'message:send', { roomId: room.id, text: 'hello?' })).toMatchObject({ ok: false });
    expect(await ask(bob, 'room:join', { roomId: room.id })).toEqual({ ok: false, error: `There is no room ${room.id}.` });
    const db = new Database(dbFile(), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM messages WHERE room_id = ?').get(room.id)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it("a closed room's id is never given to a new room", async () => {
    const alice = await login(lab.url, 'alice');
    const closed = (await askOk(alice, 'room:create', { name: uniqueName('Shed') })).room; // the newest room: it holds the largest id
    expect(await ask(alice, 'room:close', { roomId: closed.id })).toEqual({ ok: true });
    // Without AUTOINCREMENT SQLite would hand out the largest id plus one: the closed room's id again.
    const next = (await askOk(alice, 'room:create', { name: uniqueName('Shed') })).room;
    expect(next.id).toBeGreaterThan(closed.id);
  });

  it('unknown rooms are refused for join, leave, send and close', async () => {
    const alice = await login(lab.url, 'alice');
    const roomId = 999_999;
    expect(await ask(alice, 'room:join', { roomId })).toEqual({ ok: false, error: 'There is no room 999999.' });
    expect(await ask(alice, 'room:leave', { roomId })).toMatchObject({ ok: false });
    expect(await ask(alice, 'message:send', { roomId, text: 'anyone?' })).toMatchObject({ ok: false });
    expect(await ask(alice, 'room:close', { roomId })).toEqual({ ok: false, error: 'There is no room 999999.' });
  });

  it('malformed payloads for every event get an error ack, change nothing, and the server keeps answering', async () => {
    const alice = await login(lab.url, 'alice');
    const bob = await login(lab.url, 'bob');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Workshop') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });
    const before = (await askOk(alice, 'room:list')).rooms;
    const raw = alice as AnySocket; // any event name, any payload, as a hostile client would send
    const junk: unknown[] = [
      'text',
      42,
      null,
      true,
      [],
      [room.id],
      {},
      { roomId: String(room.id) },
      { roomId: 1.5 },
      { roomId: -1 },
      { name: 42 },
    ];
    const refused = { ok: false, error: expect.any(String) };

    await expectSilence(bob, ['rooms:changed', 'room:presence', 'message:new', 'room:closed'], async () => {
      for (const event of ['room:create', 'room:join', 'room:leave', 'message:send', 'room:close']) {
        for (const payload of junk)
          expect(await ask(raw, event, payload), `${event} ${JSON.stringify(payload)}`).toEqual(refused);
        expect(await ask(raw, event), `${event} with a lone callback`).toEqual(refused);
        raw.emit(event, 'no ack at all');
        raw.emit(event);
      }
      expect(await ask(raw, 'room:list', { please: true })).toEqual(refused);
      // Names no event of ours has, some of them Object.prototype's: answered, never a crash.
      for (const event of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'no:such:event'])
        expect(await ask(raw, event, {}), `an event named ${event}`).toEqual({
          ok: false,
          error: `There is no event "${event}".`,
        });
      for (const text of ['', 'x'.repeat(2001), 'x'.repeat(50_000)]) {
        expect(await ask(raw, 'message:send', { roomId: room.id, text })).toEqual(refused);
      }
      expect(await ask(raw, 'room:create', { name: 'y'.repeat(50_000) })).toEqual(refused);
      await ask(bob, 'room:list'); // barrier: bob's own ack
    });

    expect((await askOk(alice, 'room:list')).rooms).toEqual(before);
    expect((await askOk(alice, 'message:send', { roomId: room.id, text: 'still working' })).message.text).toBe('still working');
  });

  it('a packet over maxHttpBufferSize closes that connection only: the others hear nothing, the server keeps answering', async () => {
    const alice = await login(lab.url, 'alice');
    const mallory = await login(lab.url, 'mallory');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Heavy') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    await askOk(mallory, 'room:join', { roomId: room.id });

    await expectSilence(alice, 'message:new', async () => {
      const closed = new Promise<string>((resolve) => mallory.once('disconnect', resolve));
      mallory.emit('message:send', { roomId: room.id, text: 'x'.repeat(MAX_PACKET_BYTES) }, () => {});
      expect(await closed, 'the server should close a connection that sends a packet over 100 KB').toBe('transport close');
      await ask(alice, 'room:list'); // barrier: alice's own ack
    });
    expect((await askOk(alice, 'message:send', { roomId: room.id, text: 'still here' })).message.text).toBe('still here');
  });

  it('a socket that floods is answered { ok: false, error } once its bucket is empty, and the others still send', async () => {
    const flooder = await login(lab.url, 'flooder');
    const bob = await login(lab.url, 'bob');
    const room = (await askOk(flooder, 'room:create', { name: uniqueName('Flood') })).room;
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

  it('a socket refused FLOOD_CUTOFF times within a second is disconnected by the server, and the others still send', async () => {
    const flooder = await login(lab.url, 'flooder');
    const bob = await login(lab.url, 'bob');
    const room = (await askOk(flooder, 'room:create', { name: uniqueName('Cutoff') })).room;
    await askOk(flooder, 'room:join', { roomId: room.id });
    await askOk(bob, 'room:join', { roomId: room.id });

    // The bucket's burst, FLOOD_CUTOFF refusals and 5 s of refill to spare, all at once: far faster than anyone types.
    for (let i = 0; i < SEND_BURST + FLOOD_CUTOFF + 5 * SEND_RATE; i++)
      flooder.emit('message:send', { roomId: room.id, text: `flood ${i}` }, () => {});
    // The barrier: a server that did not cut the flooder off answers the packet after the flood.
    const answeredAfter = new Promise<void>((resolve) => flooder.emit('room:list', () => resolve()));
    const cutOff = waitFor<string>(flooder, 'disconnect', {
      before: answeredAfter,
      who: 'the flooder',
      what: 'a disconnect from the server',
    });
    expect(await cutOff, 'the reason the flooder hears').toBe('io server disconnect');
    expect((await askOk(bob, 'message:send', { roomId: room.id, text: 'still here' })).message.text).toBe('still here');
  });

  it('a reconnect storm: 100 members who drop at once all join again at once, and the online count is right after each', async () => {
    const owner = await login(lab.url, 'owner');
    const room = (await askOk(owner, 'room:create', { name: uniqueName('Storm') })).room;
    await askOk(owner, 'room:join', { roomId: room.id });
    const members = await Promise.all(Array.from({ length: 100 }, (_, i) => login(lab.url, `member${i}`)));
    await Promise.all(members.map((member) => askOk(member, 'room:join', { roomId: room.id })));
    const online = async () => (await askOk(owner, 'room:list')).rooms.find((r: Room) => r.id === room.id)?.online;
    expect(await online(), 'the owner and 100 members online').toBe(101);

    for (const member of members) member.disconnect();
    // Each drop is handled on its own connection, in no order against the owner's: the server's count decides.
    await eventually(
      () => lab.io.of('/').sockets.size === 1,
      () => `all 100 gone, but ${lab.io.of('/').sockets.size - 1} remain`,
    );
    await quiet();
    expect(await online(), 'only the owner online after the drop').toBe(1);

    for (const member of members) member.connect();
    const joined = await Promise.all(members.map((member) => ask(member, 'room:join', { roomId: room.id })));
    expect(
      joined.filter((answer) => !answer.ok),
      'every join after the storm to be acked { ok: true }',
    ).toEqual([]);
    expect(await online(), 'the owner and 100 members online again').toBe(101);
  });

  it('a database failure answers an error ack, and the server keeps running', async () => {
    const alice = await login(lab.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Fragile') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    const failed = { ok: false, error: 'The server could not save that, try again.' };

    // A second connection to the same file makes every insert fail, as a locked or full disk would.
    // (The server logs each failure: two lines on stderr are expected here.)
    const db = new Database(dbFile());
    try {
      db.exec(`CREATE TRIGGER refuse_rooms BEFORE INSERT ON rooms BEGIN SELECT RAISE(ABORT, 'simulated failure, ${PROVOKED}'); END;
               CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'simulated failure, ${PROVOKED}'); END;`);
      expect(await ask(alice, 'room:create', { name: uniqueName('Never made') })).toEqual(failed);
      expect(await ask(alice, 'message:send', { roomId: room.id, text: 'lost' })).toEqual(failed);
    } finally {
      db.exec('DROP TRIGGER IF EXISTS refuse_rooms; DROP TRIGGER IF EXISTS refuse_messages;');
      db.close();
    }
    expect((await askOk(alice, 'message:send', { roomId: room.id, text: 'saved again' })).message.text).toBe('saved again');
    expect((await askOk(alice, 'room:join', { roomId: room.id })).history.map((m: Message) => m.text)).toEqual(['saved again']);
  });

  it('the database is a real SQLite file in WAL mode', () => {
    const db = new Database(dbFile(), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT count(*) AS n FROM rooms').get()).toMatchObject({ n: expect.any(Number) });
    } finally {
      db.close();
    }
  });

  it('after a restart on the same database file, rooms and messages are all there', async () => {
    const restartFile = join(tmp.path, 'restart.db');
    const start = () => startLab({ labDir, attach: (io) => attach(io, { dbFile: restartFile }), port: 0 });

    const first = await start();
    const alice = await login(first.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Archive') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    const said = [
      (await askOk(alice, 'message:send', { roomId: room.id, text: 'before the restart' })).message,
      (await askOk(alice, 'message:send', { roomId: room.id, text: 'still before' })).message,
    ];
    await first.close(); // closes socket.io and, through attach's cleanup, the database

    const second = await start();
    try {
      const bob = await login(second.url, 'bob');
      expect((await askOk(bob, 'room:list')).rooms).toEqual([room]);
      const joined = await askOk(bob, 'room:join', { roomId: room.id });
      expect(joined.history).toEqual(said);
      const after = (await askOk(bob, 'message:send', { roomId: room.id, text: 'after the restart' })).message;
      expect(after.id).toBeGreaterThan(said[1]!.id);
    } finally {
      await second.close();
    }
  });
});
