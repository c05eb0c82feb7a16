// Checkpoints through socket.io-client in node: who hears what, room by room.
import { type AnySocket, ask, askOk, connect, expectSilence, quiet, recordEvents, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** A connected client that has joined `room` as `username`. */
async function member(username: string, room: string): Promise<AnySocket> {
  const socket = await connect(lab.url);
  expect(await ask(socket, 'join', { username, room })).toEqual({ ok: true });
  return socket;
}

/** An ack of this socket's own request: everything sent to it before is already here. */
const barrier = (socket: AnySocket) => ask(socket, 'whoami');

describe('lab 05: rooms', () => {
  it('the joiner hears exactly its own has entered line', async () => {
    const joiner = await connect(lab.url);
    const heard = recordEvents(joiner);
    expect(await ask(joiner, 'join', { username: 'Ann', room: 'r1' })).toEqual({ ok: true });
    expect(heard).toEqual([['status', 'Ann has entered the room.']]);
  });

  it('a member hears the newcomer enter, and a socket outside the room hears nothing', async () => {
    const ann = await member('Ann', 'r2');
    const outsider = await member('Olga', 'elsewhere');
    const heard = recordEvents(ann);
    await expectSilence(outsider, 'status', async () => {
      await member('Bob', 'r2');
      await barrier(outsider);
    });
    await barrier(ann);
    expect(heard).toEqual([['status', 'Bob has entered the room.']]);
  });

  it('the members who stay hear exactly has left, and the leaver hears nothing', async () => {
    const ann = await member('Ann', 'r3');
    const bob = await member('Bob', 'r3');
    const heard = recordEvents(ann);
    await expectSilence(bob, ['status', 'message'], async () => {
      expect(await ask(bob, 'leave', { username: 'Bob', room: 'r3' })).toEqual({ ok: true });
    });
    await barrier(ann);
    expect(heard).toEqual([['status', 'Bob has left the room.']]);
  });

  it('leaving a room you are not in is refused', async () => {
    const ann = await member('Ann', 'r4');
    expect(await ask(ann, 'leave', { username: 'Ann', room: 'not-joined' })).toEqual({
      ok: false,
      error: 'You are not in room "not-joined".',
    });
  });

  it("a member's message reaches everyone in the room with its room, username and text", async () => {
    const ann = await member('Ann', 'r5');
    const bob = await member('Bob', 'r5');
    const toBob = waitFor(bob, 'message', { before: quiet });
    const toAnn = waitFor(ann, 'message', { before: quiet });
    expect(await ask(ann, 'room message', { room: 'r5', text: 'hi all' })).toEqual({ ok: true });
    const expected = { room: 'r5', username: 'Ann', text: 'hi all' };
    expect(await toBob).toEqual(expected);
    expect(await toAnn).toEqual(expected);
  });

  it("a non-member's message is refused and reaches nobody", async () => {
    const ann = await member('Ann', 'r6');
    const outsider = await member('Olga', 'r6-outside');
    await expectSilence(ann, 'message', async () => {
      // The poster's own ack comes after anything the server sent it for this message.
      await expectSilence(outsider, 'message', async () => {
        expect(await ask(outsider, 'room message', { room: 'r6', text: 'let me in' })).toEqual({
          ok: false,
          error: 'Join room "r6" before posting to it.',
        });
      });
      await barrier(ann);
    });
  });

  it('closing a room warns every member with closed, then a message to it reaches nobody', async () => {
    const ann = await member('Ann', 'r7');
    const bob = await member('Bob', 'r7');
    const annHeard = recordEvents(ann);
    const bobHeard = recordEvents(bob);
    expect(await ask(ann, 'close', { room: 'r7' })).toEqual({ ok: true });
    await barrier(bob);
    expect(annHeard).toEqual([['closed', { room: 'r7' }]]);
    expect(bobHeard).toEqual([['closed', { room: 'r7' }]]);
    expect((await barrier(bob)).rooms).toEqual([bob.id]);
    // Bob is out: his message is refused, and Ann (out too) hears nothing.
    await expectSilence(ann, 'message', async () => {
      expect(await ask(bob, 'room message', { room: 'r7', text: 'anyone?' })).toMatchObject({ ok: false });
      await barrier(ann);
    });
  });

  it('whoami lists the sid itself and every joined room, in namespace /', async () => {
    const ann = await member('Ann', 'r8');
    await askOk(ann, 'join', { username: 'Ann', room: 'r8-too' });
    expect(await ask(ann, 'whoami')).toEqual({ sid: ann.id, rooms: [ann.id, 'r8', 'r8-too'], namespace: '/' });
    await askOk(ann, 'leave', { username: 'Ann', room: 'r8' });
    expect((await ask(ann, 'whoami')).rooms).toEqual([ann.id, 'r8-too']);
  });

  it('an empty room disappears from the server', async () => {
    const rooms = lab.io.of('/').adapter.rooms;
    const ann = await member('Ann', 'r9');
    const bob = await member('Bob', 'r9');
    expect(rooms.get('r9')?.size).toBe(2);
    await askOk(ann, 'leave', { username: 'Ann', room: 'r9' });
    expect(rooms.get('r9')?.size).toBe(1);
    await askOk(bob, 'leave', { username: 'Bob', room: 'r9' });
    expect(rooms.has('r9')).toBe(false);
  });

  it('a socket joined to the number 42 is not in the room named "42"', async () => {
    const ann = await connect(lab.url);
    // Server-side, the way a careless join(42) would do it: the adapter keeps the number as it is.
    const numberRoom = 42 as unknown as string;
    lab.io.in(ann.id!).socketsJoin(numberRoom);
    expect((await ask(ann, 'whoami')).rooms).toEqual([ann.id, 42]);
    // The number room reaches her; the string room "42", which prints the same, does not.
    const reached = waitFor(ann, 'status');
    lab.io.to(numberRoom).emit('status', 'to the number 42');
    expect(await reached).toBe('to the number 42');
    await expectSilence(ann, 'status', async () => {
      lab.io.to('42').emit('status', 'to the string "42"');
      await barrier(ann);
    });
    expect(await ask(ann, 'room message', { room: '42', text: 'hello 42' })).toMatchObject({ ok: false });
    // The lab itself refuses a number, so a client can never create that second "42".
    expect(await ask(ann, 'join', { username: 'Ann', room: 42 })).toMatchObject({ ok: false });
  });

  it('a disconnecting member is announced in each of its rooms as has disconnected', async () => {
    const ann = await member('Ann', 'r10-a');
    await askOk(ann, 'join', { username: 'Ann', room: 'r10-b' });
    const bob = await member('Bob', 'r10-a');
    const cat = await member('Cat', 'r10-b');
    const toBob = waitFor(bob, 'status', { before: quiet });
    const toCat = waitFor(cat, 'status', { before: quiet });
    ann.disconnect();
    expect(await toBob).toBe('Ann has disconnected.');
    expect(await toCat).toBe('Ann has disconnected.');
  });

  it('rooms are still readable in disconnecting and already empty in disconnect', async () => {
    const ann = await member('Ann', 'r11');
    const bob = await member('Bob', 'r11');
    const sid = ann.id!;
    const serverSide = lab.io.of('/').sockets.get(sid)!;
    const seen: Record<string, string[]> = {};
    serverSide.on('disconnecting', () => (seen.disconnecting = [...serverSide.rooms]));
    serverSide.on('disconnect', () => (seen.disconnect = [...serverSide.rooms]));
    const announced = waitFor(bob, 'status', { before: quiet });
    ann.disconnect();
    expect(await announced).toBe('Ann has disconnected.');
    expect(seen).toEqual({ disconnecting: [sid, 'r11'], disconnect: [] });
  });

  it('a connection sid cannot be joined as a room, so nobody can listen in or cut it off', async () => {
    const victim = await connect(lab.url);
    const attacker = await connect(lab.url);
    await expectSilence(victim, ['status', 'message', 'closed'], async () => {
      expect(await ask(attacker, 'join', { username: 'Eve', room: victim.id })).toEqual({
        ok: false,
        error: `"${victim.id}" is a connection's sid, and that room belongs to the connection alone: pick another name.`,
      });
      expect(await ask(attacker, 'room message', { room: victim.id, text: 'psst' })).toMatchObject({ ok: false });
      expect(await ask(attacker, 'close', { room: victim.id })).toMatchObject({ ok: false });
      await barrier(victim);
    });
    // The victim is still in its own sid room, and io.to(its sid) still reaches it.
    expect((await barrier(victim)).rooms).toEqual([victim.id]);
    const reached = waitFor(victim, 'status');
    lab.io.to(victim.id!).emit('status', 'still yours');
    expect(await reached).toBe('still yours');
  });

  it('bad payloads get a clear error and the server keeps working', async () => {
    const client = await connect(lab.url);
    const joinError = { ok: false, error: 'Send { username, room }: both non-empty strings of at most 64 characters.' };
    const bad: unknown[] = [
      'lobby',
      42,
      null,
      [],
      {},
      { username: '', room: 'r' },
      { username: 'x'.repeat(65), room: 'r' },
      { username: 'Ann', room: 'r'.repeat(65) },
    ];
    for (const payload of bad) {
      for (const event of ['join', 'leave']) expect(await ask(client, event, payload)).toEqual(joinError);
      expect((await ask(client, 'close', payload)).ok).toBe(false);
    }
    // A lone callback arrives in the payload's place, and is answered there.
    for (const event of ['join', 'leave', 'room message', 'close']) {
      expect(await ask(client, event)).toMatchObject({ ok: false });
    }
    // 64 characters is still a name. Text is checked for a member, so the membership check cannot hide it.
    const room = 'r'.repeat(64);
    expect(await ask(client, 'join', { username: 'u'.repeat(64), room })).toEqual({ ok: true });
    const textError = { ok: false, error: 'Send { room, text }: a room name and 1 to 2000 characters of text.' };
    expect(await ask(client, 'room message', { room, text: 'x'.repeat(2001) })).toEqual(textError);
    expect(await ask(client, 'room message', { room, text: '' })).toEqual(textError);
    expect(await ask(client, 'room message', 'hello')).toEqual(textError);
    expect(await ask(client, 'room message', { room, text: 'x'.repeat(2000) })).toEqual({ ok: true });
    // whoami's ack is its last argument, whatever comes before it.
    expect(await ask(client, 'whoami', { extra: true })).toMatchObject({ sid: client.id });
    // No callback: nothing to answer, nothing to crash.
    client.emit('join');
    client.emit('room message', { room, text: '' });
    client.emit('whoami', 'not a function');
    client.emit('close');
    expect(await ask(client, 'join', { username: 'Ann', room: 'r12' })).toEqual({ ok: true });
  });
});
