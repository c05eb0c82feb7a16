// Checkpoints through socket.io-client in node: sessions, presence, and who receives which message.
import { startLab } from '@labs/shared';
import {
  ask,
  askOk,
  connectError,
  eventually,
  expectSilence,
  PROVOKED,
  quiet,
  useLab,
  useTempDir,
  waitFor,
} from '@labs/shared/testing';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/events.ts';
import { MAX_PACKET_BYTES, RATE_ERROR, SEND_BURST } from '@labs/shared';
import { attach, serverOptions, userRoom, type LabServer } from '../src/server.ts';
import { aboutUser, comeBack, dmsIn, heardAbout, namesIn, newName, roundTrip, signIn, signUp } from './helpers.ts';

const labDir = new URL('..', import.meta.url);
const tmp = useTempDir('lab08-server-');
const dbFile = () => join(tmp.path, 'chat.db');
const lab = useLab({ labDir, attach: (io: LabServer) => attach(io, { dbFile: dbFile() }), serverOptions });

describe('lab 08: sessions', () => {
  it('a new username gets a random session id, kept only as a SHA-256 hash in a WAL-mode SQLite file', async () => {
    const alice = await signUp(lab.url, 'alice');
    const bob = await signUp(lab.url, 'bob');
    expect(alice.session.sessionId).toMatch(/^[\w-]{43}$/); // 32 random bytes, base64url
    expect(bob.session.sessionId).not.toBe(alice.session.sessionId);

    const db = new Database(dbFile(), { readonly: true });
    const stored = db.prepare('SELECT id_hash FROM sessions').pluck().all() as string[];
    const journal = db.pragma('journal_mode', { simple: true });
    db.close();
    expect(journal).toBe('wal');
    expect(stored).toContain(createHash('sha256').update(alice.session.sessionId).digest('hex'));
    expect(stored).not.toContain(alice.session.sessionId);
  });

  it('a taken username is refused, whatever its case', async () => {
    const name = newName('Carol');
    await signIn(lab.url, { username: name });
    for (const taken of [name, name.toLowerCase()]) {
      const error = await connectError(lab.url, { auth: { username: taken } });
      expect(error.message).toBe(`The username "${taken}" is taken: pick another one.`);
    }
  });

  it('a bad username, an HTML username or an unknown session is refused', async () => {
    for (const auth of [{}, { username: '' }, { username: 'x'.repeat(33) }, { username: '<b>bold</b>' }, { username: 42 }]) {
      const error = await connectError(lab.url, { auth });
      expect(error.message).toBe('Sign in with a username of 1 to 32 letters, digits, _ or -.');
    }
    const error = await connectError(lab.url, { auth: { sessionId: 'made-up' } });
    expect(error.message).toBe('This session is unknown: sign in again with a new username.');
  });

  it('a sessionId restores the same user with a new sid', async () => {
    const first = await signUp(lab.url, 'dave');
    const firstSid = first.socket.id;
    first.socket.disconnect();
    const again = await comeBack(lab.url, first.session);
    expect(again.session).toEqual(first.session);
    expect(again.socket.id).not.toBe(firstSid);
  });

  it('the session id never sits on the socket, where fetchSockets would carry it', async () => {
    const amy = await signUp(lab.url, 'amy');
    await comeBack(lab.url, amy.session); // a second tab: a returning session
    // With an adapter (lab 09), fetchSockets() brings each socket's data and handshake from other servers.
    const sockets = await lab.io.in(userRoom(amy.session.userId)).fetchSockets();
    expect(sockets).toHaveLength(2);
    for (const socket of sockets) {
      expect(socket.data).toEqual({ userId: amy.session.userId, username: amy.session.username, isNewUser: expect.any(Boolean) });
      expect(JSON.stringify([socket.data, socket.handshake])).not.toContain(amy.session.sessionId);
    }
  });
});

describe('lab 08: presence', () => {
  it('on connect a user gets session then users, every other user with who is online', async () => {
    const erin = await signUp(lab.url, 'erin');
    const frank = await signUp(lab.url, 'frank');
    frank.socket.disconnect();
    await heardAbout(erin, 'user:offline', frank.session.userId); // the server has seen frank go
    const grace = await signUp(lab.url, 'grace');
    expect(namesIn(grace.heard).slice(0, 2)).toEqual(['session', 'users']);
    expect(grace.users.find((u) => u.userId === grace.session.userId)).toBeUndefined();
    expect(grace.users).toContainEqual({ userId: erin.session.userId, username: erin.session.username, online: true });
    expect(grace.users).toContainEqual({ userId: frank.session.userId, username: frank.session.username, online: false });
  });

  it('others hear user online for the first tab and user offline after the last, with no flapping', async () => {
    // watcher.heard records every event since its handshake; only Henry's are checked, because
    // users of earlier tests may still be leaving.
    const watcher = await signUp(lab.url, 'watcher');
    const tab1 = await signUp(lab.url, 'henry');
    const { userId, username } = tab1.session;
    await roundTrip(watcher);
    expect(aboutUser(watcher.heard, userId)).toEqual([
      ['user:new', { userId, username }],
      ['user:online', { userId }],
    ]);

    const tab2 = await comeBack(lab.url, tab1.session);
    const firstSid = tab1.socket.id!;
    tab1.socket.disconnect();
    await eventually(() => !lab.io.sockets.sockets.has(firstSid), 'the server to see the first tab go');
    await roundTrip(watcher);
    expect(aboutUser(watcher.heard, userId)).toHaveLength(2); // a second tab arriving, then the first leaving: no flapping

    tab2.socket.disconnect();
    await heardAbout(watcher, 'user:offline', userId);
    expect(aboutUser(watcher.heard, userId).slice(2)).toEqual([['user:offline', { userId }]]);
  });
});

describe('lab 08: messages', () => {
  it("messages reach the recipient's two tabs and the sender's other tab", async () => {
    const ann1 = await signUp(lab.url, 'ann');
    const ann2 = await comeBack(lab.url, ann1.session);
    const ben1 = await signUp(lab.url, 'ben');
    const ben2 = await comeBack(lab.url, ben1.session);

    const arrivals = [ben1, ben2, ann2].map((tab) => waitFor(tab.socket, 'dm:new', { before: quiet }));
    const answer = await ask(ann1.socket, 'dm:send', { to: ben1.session.userId, text: 'hi Ben' });
    expect(answer).toEqual({
      ok: true,
      message: {
        id: expect.any(Number),
        from: ann1.session.userId,
        to: ben1.session.userId,
        text: 'hi Ben',
        createdAt: expect.any(String),
      },
    });
    if (!answer.ok) return;
    expect(await Promise.all(arrivals)).toEqual([answer.message, answer.message, answer.message]);
    // The sending tab has its ack; a dm:new to it would arrive before this round trip's answer.
    await expectSilence(ann1.socket, 'dm:new', () => roundTrip(ann1));
  });

  it('a third user receives none of their messages', async () => {
    const cat = await signUp(lab.url, 'cat');
    const dan = await signUp(lab.url, 'dan');
    const eve = await signUp(lab.url, 'eve');
    await expectSilence(eve.socket, 'dm:new', async () => {
      (await askOk(cat.socket, 'dm:send', { to: dan.session.userId, text: 'for Dan only' })).message;
      (await askOk(dan.socket, 'dm:send', { to: cat.session.userId, text: 'for Cat only' })).message;
      await roundTrip(eve);
    });
  });

  it('the sender is the session user, and a from in the payload is ignored', async () => {
    const fay = await signUp(lab.url, 'fay');
    const gus = await signUp(lab.url, 'gus');
    const mallory = await signUp(lab.url, 'mallory');
    const arrival = waitFor(gus.socket, 'dm:new', { before: quiet });
    const forged = { to: gus.session.userId, text: 'it was Fay', from: fay.session.userId };
    const answer = await ask(mallory.socket, 'dm:send', forged as { to: number; text: string });
    expect(answer.ok && answer.message.from).toBe(mallory.session.userId);
    expect((await arrival).from).toBe(mallory.session.userId);
  });

  it('offline, then online: every message arrives once, in order', async () => {
    const hal = await signUp(lab.url, 'hal');
    const ivy = await signUp(lab.url, 'ivy');
    ivy.socket.disconnect();
    const halOtherTab = await comeBack(lab.url, hal.session); // acks its copies: that is no delivery
    const sent = [];
    for (const text of ['one', 'two', 'three', 'four'])
      sent.push((await askOk(hal.socket, 'dm:send', { to: ivy.session.userId, text })).message);
    await roundTrip(halOtherTab);
    expect(dmsIn(halOtherTab.heard)).toEqual(sent);

    const back = await comeBack(lab.url, ivy.session);
    await roundTrip(back); // the backlog is sent on connect, before this answer
    const events = namesIn(back.heard).filter((name) => !name.startsWith('user:')); // others' presence may interleave
    expect(events).toEqual(['session', 'users', 'dm:new', 'dm:new', 'dm:new', 'dm:new']);
    expect(dmsIn(back.heard)).toEqual(sent);
    back.socket.disconnect();

    const later = await comeBack(lab.url, ivy.session);
    await expectSilence(later.socket, 'dm:new', () => roundTrip(later)); // acked, so never sent again
  });

  it('unacked, then reconnect: the message is sent again until a tab acks it', async () => {
    const jon = await signUp(lab.url, 'jon');
    const kim = await signUp(lab.url, 'kim');
    kim.socket.disconnect();
    const silent = await comeBack(lab.url, kim.session, { ack: false });
    const arrives = waitFor(silent.socket, 'dm:new'); // listening before the send: dm:new may beat the sender's ack
    const message = (await askOk(jon.socket, 'dm:send', { to: kim.session.userId, text: 'did you get this?' })).message;
    expect(await arrives).toEqual(message);
    silent.socket.disconnect();

    const back = await comeBack(lab.url, kim.session);
    await roundTrip(back); // also lets the server take the ack before the next connection
    expect(dmsIn(back.heard)).toEqual([message]);
    back.socket.disconnect();

    const later = await comeBack(lab.url, kim.session);
    await expectSilence(later.socket, 'dm:new', () => roundTrip(later));
  });

  it("one tab's ack is enough: a message acked by any tab is not sent again", async () => {
    const lea = await signUp(lab.url, 'lea');
    const max = await signUp(lab.url, 'max');
    const silentTab = await comeBack(lab.url, max.session, { ack: false });
    const arrivals = [max, silentTab].map((tab) => waitFor(tab.socket, 'dm:new', { before: quiet }));
    (await askOk(lea.socket, 'dm:send', { to: max.session.userId, text: 'any tab will do' })).message;
    await Promise.all(arrivals);
    await roundTrip(max); // the acking tab's ack is in before this answer
    max.socket.disconnect();
    silentTab.socket.disconnect();

    const later = await comeBack(lab.url, max.session);
    await expectSilence(later.socket, 'dm:new', () => roundTrip(later));
  });

  it('after a restart, messages sent to an offline user are delivered once', async () => {
    const file = join(tmp.path, 'restart.db');
    const start = () => startLab({ labDir, port: 0, attach: (io: LabServer) => attach(io, { dbFile: file }) });
    const before = await start();
    let sent;
    let nia, oto;
    try {
      nia = await signUp(before.url, 'nia');
      oto = await signUp(before.url, 'oto');
      oto.socket.disconnect();
      sent = [
        (await askOk(nia.socket, 'dm:send', { to: oto.session.userId, text: 'sent before' })).message,
        (await askOk(nia.socket, 'dm:send', { to: oto.session.userId, text: 'the restart' })).message,
      ];
    } finally {
      await before.close();
    }

    const after = await start();
    try {
      const back = await comeBack(after.url, oto.session);
      await roundTrip(back);
      expect(back.session).toEqual(oto.session);
      expect(dmsIn(back.heard)).toEqual(sent);
      back.socket.disconnect();
      const later = await comeBack(after.url, oto.session);
      await expectSilence(later.socket, 'dm:new', () => roundTrip(later));
    } finally {
      await after.close();
    }
  });
});

describe('lab 08: history and delete', () => {
  it("dm:history pages backwards and never returns another pair's messages", async () => {
    const pam = await signUp(lab.url, 'pam');
    const quin = await signUp(lab.url, 'quin');
    const rex = await signUp(lab.url, 'rex');
    const ours = [];
    for (const text of ['p1', 'q2', 'p3', 'q4', 'p5']) {
      ours.push(
        text.startsWith('p')
          ? (await askOk(pam.socket, 'dm:send', { to: quin.session.userId, text })).message
          : (await askOk(quin.socket, 'dm:send', { to: pam.session.userId, text })).message,
      );
    }
    (await askOk(pam.socket, 'dm:send', { to: rex.session.userId, text: 'pam to rex' })).message;
    (await askOk(rex.socket, 'dm:send', { to: quin.session.userId, text: 'rex to quin' })).message;

    const last2 = (await askOk(pam.socket, 'dm:history', { with: quin.session.userId, limit: 2 })).messages;
    expect(last2).toEqual(ours.slice(3));
    expect(
      (await askOk(pam.socket, 'dm:history', { with: quin.session.userId, before: last2[0]!.id, limit: 2 })).messages,
    ).toEqual(ours.slice(1, 3));
    expect((await askOk(quin.socket, 'dm:history', { with: pam.session.userId })).messages).toEqual(ours);
    expect((await askOk(rex.socket, 'dm:history', { with: pam.session.userId })).messages.map((m: Message) => m.text)).toEqual([
      'pam to rex',
    ]);
    expect((await askOk(rex.socket, 'dm:history', { with: quin.session.userId })).messages.map((m: Message) => m.text)).toEqual([
      'rex to quin',
    ]);
  });

  it('a message may be 2000 characters, and history answers 50 by default and up to 100', async () => {
    const wes = await signUp(lab.url, 'wes');
    const xia = await signUp(lab.url, 'xia');
    const sent = [
      (await askOk(wes.socket, 'dm:send', { to: xia.session.userId, text: 'x'.repeat(2000) })).message,
      (await askOk(wes.socket, 'dm:send', { to: xia.session.userId, text: ' ' })).message,
    ];
    expect(sent.map((m: Message) => m.text)).toEqual(['x'.repeat(2000), ' ']);
    // 99 more, 101 in all. Sent without waiting in between: one socket's packets keep their order.
    sent.push(
      ...(await Promise.all(
        Array.from({ length: 99 }, (_, i) =>
          askOk(xia.socket, 'dm:send', { to: wes.session.userId, text: `reply ${i + 1}` }).then((answer) => answer.message),
        ),
      )),
    );

    expect((await askOk(wes.socket, 'dm:history', { with: xia.session.userId })).messages).toEqual(sent.slice(-50));
    expect((await askOk(wes.socket, 'dm:history', { with: xia.session.userId, limit: 100 })).messages).toEqual(sent.slice(-100));
  });

  it('delete is for the caller only: the other side keeps its copy', async () => {
    const sam = await signUp(lab.url, 'sam');
    const tia = await signUp(lab.url, 'tia');
    const kept = [
      (await askOk(sam.socket, 'dm:send', { to: tia.session.userId, text: 'hello' })).message,
      (await askOk(tia.socket, 'dm:send', { to: sam.session.userId, text: 'hi' })).message,
    ];
    expect(await ask(sam.socket, 'dm:delete', { with: tia.session.userId })).toEqual({ ok: true });
    expect((await askOk(sam.socket, 'dm:history', { with: tia.session.userId })).messages).toEqual([]);
    expect((await askOk(tia.socket, 'dm:history', { with: sam.session.userId })).messages).toEqual(kept);
    const after = (await askOk(tia.socket, 'dm:send', { to: sam.session.userId, text: 'still there?' })).message;
    expect((await askOk(sam.socket, 'dm:history', { with: tia.session.userId })).messages).toEqual([after]);
  });
});

describe('lab 08: bad input', () => {
  it('a packet over maxHttpBufferSize closes that connection only: the others hear nothing, the server keeps answering', async () => {
    const big = await signUp(lab.url, 'big');
    const peer = await signUp(lab.url, 'peer');
    await expectSilence(peer.socket, 'dm:new', async () => {
      const closed = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
      big.socket.emit('dm:send', { to: peer.session.userId, text: 'x'.repeat(MAX_PACKET_BYTES) }, () => {});
      expect(await closed, 'the server should close a connection that sends a packet over 100 KB').toBe('transport close');
      await roundTrip(peer); // barrier: peer's own ack
    });
    const other = await signUp(lab.url, 'other');
    expect((await askOk(other.socket, 'dm:send', { to: peer.session.userId, text: 'still here' })).message.text).toBe(
      'still here',
    );
  });

  it('a socket that floods is answered { ok: false, error } once its bucket is empty, and the others still send', async () => {
    const flooder = await signUp(lab.url, 'flooder');
    const target = await signUp(lab.url, 'target');
    const other = await signUp(lab.url, 'other');
    // A full bucket, then 100 more than it holds, all at once: the refill (20 a second) cannot keep up.
    const answers = await Promise.all(
      Array.from({ length: SEND_BURST + 100 }, (_, i) =>
        ask(flooder.socket, 'dm:send', { to: target.session.userId, text: `flood ${i}` }),
      ),
    );
    expect(
      answers.slice(0, SEND_BURST).every((answer) => answer.ok),
      `the first ${SEND_BURST} of a burst should all be accepted`,
    ).toBe(true);
    const refused = answers.filter((answer) => !answer.ok);
    expect(refused.length, 'a burst far over the bucket should be refused in part').toBeGreaterThan(0);
    expect(refused).toEqual(refused.map(() => ({ ok: false, error: RATE_ERROR })));
    expect((await askOk(other.socket, 'dm:send', { to: target.session.userId, text: 'my turn' })).message.text).toBe('my turn');
  });

  it('malformed payloads for every event are refused, and the server still answers', async () => {
    const uma = await signUp(lab.url, 'uma');
    const vic = await signUp(lab.url, 'vic');
    const me = uma.session.userId;
    const to = vic.session.userId;
    const anything = ['text', 42, null, [], {}, true];
    const bad = {
      'dm:send': [
        ...anything,
        { to: 'vic' },
        { to: me, text: 'self' },
        { to: 999999, text: 'nobody' },
        { to: 1.5, text: 'x' },
        { to },
        { to, text: '' },
        { to, text: 7 },
        { to, text: 'x'.repeat(2001) },
        { to, text: 'x'.repeat(50_000) },
      ],
      'dm:history': [
        ...anything,
        { with: 'vic' },
        { with: me },
        { with: 999999 },
        { with: to, before: -1 },
        { with: to, before: 'x' },
        { with: to, limit: 0 },
        { with: to, limit: 101 },
        { with: to, limit: 2.5 },
        { with: to, limit: '5' },
        { with: to, limit: null },
      ],
      'dm:delete': [...anything, { with: 'vic' }, { with: me }, { with: 999999 }, { with: -3 }],
    } as const;
    for (const [event, payloads] of Object.entries(bad)) {
      for (const payload of payloads) {
        const answer = await ask(uma.socket, event, payload);
        expect(answer, `${event} ${JSON.stringify(payload).slice(0, 40)}`).toEqual({ ok: false, error: expect.any(String) });
      }
      // No payload but a lone callback, and no callback at all: neither crashes the server.
      expect(await ask(uma.socket, event)).toEqual({ ok: false, error: expect.any(String) });
      (uma.socket as any).emit(event, { to, with: to, text: 'no ack' });
    }
    // Names no event of ours has, some of them Object.prototype's: answered, never a crash.
    for (const event of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'no:such:event'])
      expect(await ask(uma.socket, event, {}), `an event named ${event}`).toEqual({
        ok: false,
        error: `There is no event "${event}".`,
      });
    // The ack-less emits were handled too, in order: 'no ack' was sent, then deleted on Uma's side only.
    expect((await askOk(uma.socket, 'dm:history', { with: vic.session.userId })).messages).toEqual([]);
    (await askOk(uma.socket, 'dm:send', { to: vic.session.userId, text: 'still works' })).message;
    expect((await askOk(vic.socket, 'dm:history', { with: uma.session.userId })).messages.map((m: Message) => m.text)).toEqual([
      'no ack',
      'still works',
    ]);
  });

  it('a database failure refuses the request with a sentence, and the server keeps running', async () => {
    const yul = await signUp(lab.url, 'yul');
    const zed = await signUp(lab.url, 'zed');
    const failed = 'The server could not save that, try again.';

    // A second connection to the same file makes every insert fail, as a locked or full disk would.
    // (The server logs each failure: two lines on stderr are expected here.)
    const db = new Database(dbFile());
    try {
      db.exec(`CREATE TRIGGER refuse_users BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'simulated failure, ${PROVOKED}'); END;
               CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'simulated failure, ${PROVOKED}'); END;`);
      expect((await connectError(lab.url, { auth: { username: newName('nobody') } })).message).toBe(failed);
      expect(await ask(yul.socket, 'dm:send', { to: zed.session.userId, text: 'lost' })).toEqual({ ok: false, error: failed });
    } finally {
      db.exec('DROP TRIGGER IF EXISTS refuse_users; DROP TRIGGER IF EXISTS refuse_messages;');
      db.close();
    }
    await signUp(lab.url, 'somebody');
    const saved = (await askOk(yul.socket, 'dm:send', { to: zed.session.userId, text: 'saved again' })).message;
    expect((await askOk(zed.socket, 'dm:history', { with: yul.session.userId })).messages).toEqual([saved]);
  });
});
