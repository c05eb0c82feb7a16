// Shared by this lab's checkpoints: the lab on a real SQLite file in a temp folder,
// clients that log in through the handshake, and room names no other test uses.
import { connect, useLab, useTempDir } from '@labs/shared/testing';
import { join } from 'node:path';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';
import { attach, serverOptions } from '../src/server.ts';

export const labDir = new URL('..', import.meta.url);

/** The lab on a database file of its own, in a temp folder removed after the test file. */
export function useRoomChat() {
  const tmp = useTempDir('lab07-');
  const dbFile = () => join(tmp.path, 'room-chat.db');
  const lab = useLab({ labDir, attach: (io) => attach(io, { dbFile: dbFile() }), serverOptions });
  return { lab, tmp, dbFile };
}

/** A client logged in as `username` (the handshake's auth), closed after the test. */
export const login = (url: string, username: string) =>
  connect<ServerToClientEvents, ClientToServerEvents>(url, { auth: { username } });

let count = 0;
/** A room name no other test in this file has used (names are unique in the database). */
export const uniqueName = (label: string) => `${label} ${++count}`;
