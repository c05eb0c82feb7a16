// The source of truth for users, sessions and messages: one SQLite file, through better-sqlite3.
// socket.io only knows who is connected right now; everything that must outlive a socket,
// or a restart, lives here.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Message } from './events.ts';

export interface User {
  userId: number;
  username: string;
}

// Each entry upgrades the schema by one version; PRAGMA user_version records how far a file got.
const MIGRATIONS = [
  `CREATE TABLE users (
     id         INTEGER PRIMARY KEY,
     username   TEXT NOT NULL UNIQUE COLLATE NOCASE, -- "Alice" and "alice" are one name
     created_at TEXT NOT NULL
   );
   CREATE TABLE sessions (
     id_hash    TEXT PRIMARY KEY,                     -- SHA-256 of the session id, never the id itself
     user_id    INTEGER NOT NULL REFERENCES users (id),
     created_at TEXT NOT NULL
   );
   CREATE TABLE messages (
     id                   INTEGER PRIMARY KEY,
     sender_id            INTEGER NOT NULL REFERENCES users (id),
     recipient_id         INTEGER NOT NULL REFERENCES users (id),
     text                 TEXT NOT NULL,
     created_at           TEXT NOT NULL,
     delivered_at         TEXT,                       -- NULL until one of the recipient's sockets acks
     deleted_by_sender    INTEGER NOT NULL DEFAULT 0, -- each side deletes its own copy
     deleted_by_recipient INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX messages_by_pair ON messages (sender_id, recipient_id, id);
   CREATE INDEX messages_undelivered ON messages (recipient_id, id) WHERE delivered_at IS NULL;`,
];

const MESSAGE_COLUMNS = 'id, sender_id AS "from", recipient_id AS "to", text, created_at AS createdAt';

/** A session id is a password: store a hash, so a copy of the database logs nobody in. */
const hashSessionId = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');

export function openStore(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers never wait for the writer, and a write is one append to the log.
  // better-sqlite3 builds SQLite so that WAL runs with synchronous = NORMAL: a commit survives a
  // crash of this server, but a power cut may lose the last ones (FULL would flush every commit).
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');

  const version = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index < version) continue;
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    }
  })();

  const now = () => new Date().toISOString();
  const insertUser = db.prepare('INSERT INTO users (username, created_at) VALUES (?, ?) RETURNING id AS userId, username');
  const selectUser = db.prepare('SELECT id AS userId, username FROM users WHERE id = ?');
  const selectUsers = db.prepare('SELECT id AS userId, username FROM users ORDER BY id');
  const insertSession = db.prepare('INSERT INTO sessions (id_hash, user_id, created_at) VALUES (?, ?, ?)');
  const selectSessionUser = db.prepare(
    'SELECT users.id AS userId, users.username FROM sessions JOIN users ON users.id = sessions.user_id WHERE id_hash = ?',
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (sender_id, recipient_id, text, created_at) VALUES (?, ?, ?, ?) RETURNING ${MESSAGE_COLUMNS}`,
  );
  const updateDelivered = db.prepare('UPDATE messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL');
  const selectUndelivered = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM messages
     WHERE recipient_id = ? AND delivered_at IS NULL AND deleted_by_recipient = 0 ORDER BY id`,
  );
  // "Mine" is the pair in both directions, minus what I deleted on my side.
  // The newest `limit` before `before`, then put back in reading order.
  const selectHistory = db.prepare(
    `SELECT * FROM (
       SELECT ${MESSAGE_COLUMNS} FROM messages
       WHERE id < @before
         AND ((sender_id = @me AND recipient_id = @peer AND deleted_by_sender = 0)
           OR (sender_id = @peer AND recipient_id = @me AND deleted_by_recipient = 0))
       ORDER BY id DESC LIMIT @limit
     ) ORDER BY id`,
  );
  const deleteForSender = db.prepare('UPDATE messages SET deleted_by_sender = 1 WHERE sender_id = ? AND recipient_id = ?');
  const deleteForRecipient = db.prepare('UPDATE messages SET deleted_by_recipient = 1 WHERE recipient_id = ? AND sender_id = ?');

  return {
    /** The new user, or undefined when the name is taken (ignoring case). */
    createUser(username: string): User | undefined {
      try {
        return insertUser.get(username, now()) as User;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
        throw error;
      }
    },
    findUser: (userId: number) => selectUser.get(userId) as User | undefined,
    /** Every user, oldest first. */
    listUsers: () => selectUsers.all() as User[],
    saveSession: (sessionId: string, userId: number) => void insertSession.run(hashSessionId(sessionId), userId, now()),
    /** The user a session id belongs to, or undefined for an unknown (or forged) id. */
    userForSession: (sessionId: string) => selectSessionUser.get(hashSessionId(sessionId)) as User | undefined,
    saveMessage: (from: number, to: number, text: string) => insertMessage.get(from, to, text, now()) as Message,
    /**
     * Idempotent: only the first ack sets delivered_at. Called from an ack, where a throw would
     * crash the server, so a failure is only logged: the message is then sent again on the next
     * connection (at least once), and the page drops the double.
     */
    markDelivered(messageId: number) {
      try {
        updateDelivered.run(now(), messageId);
      } catch (error) {
        console.error(`lab 08: message ${messageId} stays undelivered: ${(error as Error).message}`);
      }
    },
    /** What `userId` has not acked yet, oldest first. */
    undeliveredFor: (userId: number) => selectUndelivered.all(userId) as Message[],
    history: (me: number, peer: number, before: number, limit: number) =>
      selectHistory.all({ me, peer, before, limit }) as Message[],
    /** Hides the conversation from `me` only: the rows stay for `peer`. */
    deleteConversation: db.transaction((me: number, peer: number) => {
      deleteForSender.run(me, peer);
      deleteForRecipient.run(me, peer);
    }),
    close: () => {
      db.close();
    },
  };
}

export type Store = ReturnType<typeof openStore>;
