// A crash during offline delivery: the lab in a process of its own, killed with SIGKILL while the
// returning user acks his backlog, then started again on the same file. Nothing is lost, and what
// the server had marked delivered is not sent again.
import { startLabProcess } from '@labs/shared';
import { askOk, createClient, eventually, useTempDir } from '@labs/shared/testing';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/events.ts';
import { type Client, signUp } from './helpers.ts';

const tmp = useTempDir('lab08-crash-');
const labDir = new URL('..', import.meta.url);
const BACKLOG = 60;

/** Bob's ids that the server's database says were acked (delivered_at set). */
function deliveredIds(dbFile: string, recipientId: number): number[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT id FROM messages WHERE recipient_id = ? AND delivered_at IS NOT NULL').all(recipientId);
    return (rows as { id: number }[]).map((row) => row.id);
  } finally {
    db.close();
  }
}

describe('lab 08: a crash', () => {
  it('a server killed with SIGKILL during offline delivery sends, after a restart, exactly the messages it had not marked delivered', {
    timeout: 60_000,
  }, async () => {
    const dbFile = join(tmp.path, 'crash.db');
    const env = { DB_FILE: dbFile };
    const first = await startLabProcess({ labDir, env });
    const ann = await signUp(first.url, 'ann');
    const bob = await signUp(first.url, 'bob');
    bob.socket.disconnect();
    const sent: number[] = [];
    for (let i = 0; i < BACKLOG; i++) {
      const { message } = await askOk(ann.socket, 'dm:send', { to: bob.session.userId, text: `while you were away ${i}` });
      sent.push(message.id);
    }
    ann.socket.disconnect();

    // Bob comes back and acks his backlog slowly; the server dies after his 20th ack.
    const received: Message[] = [];
    let acks = 0;
    const back: Client = createClient(first.url, { auth: { sessionId: bob.session.sessionId } });
    back.on('dm:new', (message, ack) => {
      received.push(message);
      setTimeout(() => {
        ack();
        if (++acks === 20) void first.stop('SIGKILL');
      }, 5);
    });
    back.connect();
    await eventually(() => first.child.exitCode !== null || first.child.signalCode !== null, 'the server to be killed');
    back.disconnect();
    expect(received.length, 'bob to have received part of his backlog before the crash').toBeGreaterThanOrEqual(20);

    const delivered = deliveredIds(dbFile, bob.session.userId);
    // Mid-delivery for real: some acks reached the database, some messages still wait.
    expect(delivered.length, "some of bob's acks to be stored before the crash").toBeGreaterThan(0);
    expect(delivered.length, 'some messages to be still undelivered at the crash').toBeLessThan(BACKLOG);
    const second = await startLabProcess({ labDir, env });
    try {
      const again: Message[] = [];
      const backAgain: Client = createClient(second.url, { auth: { sessionId: bob.session.sessionId } });
      backAgain.on('dm:new', (message, ack) => {
        again.push(message);
        ack();
      });
      backAgain.connect();
      const expected = sent.filter((id) => !delivered.includes(id));
      await eventually(
        () => again.length >= expected.length,
        () => `${expected.length} messages after the restart (got ${again.length})`,
      );
      // Its own answer comes after anything else it would send: then the list is complete.
      await askOk(backAgain, 'dm:history', { with: ann.session.userId });
      expect(
        again.map((message) => message.id),
        'exactly the messages not marked delivered, in order, once each',
      ).toEqual(expected);
      expect(new Set([...received, ...again].map((message) => message.id)), 'every message to have arrived').toEqual(
        new Set(sent),
      );
      backAgain.disconnect();
    } finally {
      await second.stop();
    }
  });
});
