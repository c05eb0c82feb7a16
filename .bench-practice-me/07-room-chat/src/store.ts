// The source of truth for rooms and messages: one SQLite file, through better-sqlite3.
// socket.io rooms live in memory and vanish when their last socket leaves (or the server
// restarts); the rooms a user created, and what was said in them, must not.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { HISTORY_LIMIT, type Message, type Room } from './events.ts';

/** A room as stored: everything but `online`, which socket.io knows and SQLite does not. */
export type StoredRoom = Omit<Room, 'online'>;

// Each entry upgrades the schema by one version; PRAGMA user_version records how far a file got.
// A new column later is a new entry at the end, never an edit of an old one.
const MIGRATIONS = [
  `CREATE TABLE rooms (
     id         INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: a closed room's id is never reused
     name       TEXT NOT NULL,
     name_key   TEXT NOT NULL UNIQUE,              -- nameKey(name): "Lobby" and "lobby" collide
     owner      TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE messages (
     id         INTEGER PRIMARY KEY,
     room_id    INTEGER NOT NULL REFERENCES rooms (id),
     author     TEXT NOT NULL,
     text       TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX messages_by_room ON messages (room_id, id);`,
];

const ROOM_COLUMNS = 'id, name, owner, created_at AS createdAt';
const MESSAGE_COLUMNS = 'id, room_id AS roomId, author, text, created_at AS createdAt';

/**
 * What makes two room names "the same": NFC first ("é" typed as one character or as "e" plus an
 * accent is one name), then lower case. SQLite's NOCASE would only fold A to Z.
 */
const nameKey = (name: string) => name.normalize('NFC').toLowerCase();

export function openStore(file: string) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL: readers never wait for the writer, and a write is one append to the log.
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

  // Prepared once, run many times: SQLite parses each statement a single time.
  const insertRoom = db.prepare(
    `INSERT INTO rooms (name, name_key, owner, created_at) VALUES (?, ?, ?, ?) RETURNING ${ROOM_COLUMNS}`,
  );
  const selectRooms = db.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms ORDER BY id`);
  const selectRoom = db.prepare(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`);
  const insertMessage = db.prepare(
    `INSERT INTO messages (room_id, author, text, created_at) VALUES (?, ?, ?, ?) RETURNING ${MESSAGE_COLUMNS}`,
  );
  // The newest N by index, then put back in reading order.
  const selectHistory = db.prepare(
    `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM messages WHERE room_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id`,
  );
  const deleteMessages = db.prepare('DELETE FROM messages WHERE room_id = ?');
  const deleteRoom = db.prepare('DELETE FROM rooms WHERE id = ?');

  return {
    /** The new room, or undefined when the name is taken (ignoring case). */
    createRoom(name: string, owner: string): StoredRoom | undefined {
      try {
        return insertRoom.get(name, nameKey(name), owner, new Date().toISOString()) as StoredRoom;
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
        throw error;
      }
    },
    /** Every room, oldest first. */
    listRooms: () => selectRooms.all() as StoredRoom[],
    findRoom: (id: number) => selectRoom.get(id) as StoredRoom | undefined,
    addMessage: (roomId: number, author: string, text: string) =>
      insertMessage.get(roomId, author, text, new Date().toISOString()) as Message,
    /** The last `limit` messages of a room, oldest first. */
    history: (roomId: number, limit = HISTORY_LIMIT) => selectHistory.all(roomId, limit) as Message[],
    /** The room and its messages go together, or not at all. */
    deleteRoom: db.transaction((id: number) => {
      deleteMessages.run(id);
      deleteRoom.run(id);
    }),
    close: () => {
      db.close();
    },
  };
}

export type Store = ReturnType<typeof openStore>;
