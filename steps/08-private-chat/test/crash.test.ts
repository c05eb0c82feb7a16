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
    const rows = db
      .prepare('SELECT id FROM messages WHERE recipient_id = ? AND delivered_at IS NOT NULL ORDER BY id')
      .all(recipientId);
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

    // Bob comes back and acks the first 20 of his backlog, and holds the rest: once the database has
    // those 20, the server is killed with 40 messages sent and unacked.
    const received: Message[] = [];
    const back: Client = createClient(first.url, { auth: { sessionId: bob.session.sessionId } });
    back.on('dm:new', (message, ack) => {
      received.push(message);
      if (received.length <= 20) ack();
    });
    back.connect();
    // The lab is another process: its database is the only witness, and a poll of it the only wait.
    await eventually(
      () => received.length === BACKLOG && deliveredIds(dbFile, bob.session.userId).length === 20,
      () => `bob to receive all ${BACKLOG} and the server to store his first 20 acks (received ${received.length})`,
    );
    await first.stop('SIGKILL');
    back.disconnect();
    const delivered = deliveredIds(dbFile, bob.session.userId);
    expect(delivered, 'the database to hold exactly the acks of the first 20').toEqual(sent.slice(0, 20));

    const second = await startLabProcess({ labDir, env });
    try {
      const again: Message[] = [];
      const backAgain: Client = createClient(second.url, { auth: { sessionId: bob.session.sessionId } });
      backAgain.on('dm:new', (message, ack) => {
        again.push(message);
        ack();
      });
      backAgain.connect();
      const expected = sent.slice(20);
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
