// A crash for real: the lab in a process of its own, killed with SIGKILL while acked sends are in
// flight, then started again on the same database file. Every acked message must be stored, once.
import { startLabProcess } from '@labs/shared';
import { askOk, connect, useTempDir } from '@labs/shared/testing';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer, ClientToServerEvents, Message, ServerToClientEvents } from '../src/events.ts';
import { labDir } from './helpers.ts';

const tmp = useTempDir('lab07-crash-');

describe('lab 07: a crash', () => {
  it('a server killed with SIGKILL during acked sends keeps every acked message, once, after a restart on the same file', {
    timeout: 60_000,
  }, async () => {
    const env = { DB_FILE: join(tmp.path, 'crash.db') };
    const first = await startLabProcess({ labDir, env });
    const alice = await connect<ServerToClientEvents, ClientToServerEvents>(first.url, { auth: { username: 'alice' } });
    const { room } = await askOk(alice, 'room:create', { name: 'Crash test' });
    await askOk(alice, 'room:join', { roomId: room.id });

    // 90 sends at once (the token bucket allows 100), and the kill as soon as the first is acked:
    // the rest are in flight, some stored and acked, some stored and never acked, some never read.
    const acked: Message[] = [];
    let firstAck: () => void = () => {};
    const firstAcked = new Promise<void>((resolve) => (firstAck = resolve));
    const sends = Array.from({ length: 90 }, (_, i) =>
      alice
        .timeout(10_000)
        .emitWithAck('message:send', { roomId: room.id, text: `message ${i}` })
        .then(
          (answer: Answer<{ message: Message }>) => {
            if (answer.ok) acked.push(answer.message);
            firstAck();
          },
          () => undefined, // never answered: the server died first
        ),
    );
    await firstAcked;
    await first.stop('SIGKILL');
    await Promise.all(sends);
    alice.disconnect();

    const second = await startLabProcess({ labDir, env });
    try {
      const bob = await connect<ServerToClientEvents, ClientToServerEvents>(second.url, { auth: { username: 'bob' } });
      const joined = await askOk(bob, 'room:join', { roomId: room.id });
      const db = new Database(env.DB_FILE, { readonly: true });
      const stored = db.prepare('SELECT id, text FROM messages WHERE room_id = ? ORDER BY id').all(room.id) as Message[];
      db.close();
      const storedIds = new Set(stored.map((message) => message.id));
      expect(
        acked.filter((message) => !storedIds.has(message.id)),
        'every acked message to be in the database',
      ).toEqual([]);
      expect(new Set(stored.map((message) => message.text)).size, 'no message to be stored twice').toBe(stored.length);
      expect(joined.history.map((message: Message) => message.id)).toEqual(stored.slice(-50).map((message) => message.id));
    } finally {
      await second.stop();
    }
  });
});
