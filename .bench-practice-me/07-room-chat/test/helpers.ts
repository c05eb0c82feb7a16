// Shared by this lab's checkpoints: the lab on a real SQLite file in a temp folder,
// clients that log in through the handshake, and room names no other test uses.
import { connect, useLab, useTempDir } from '@labs/shared/testing';
import type { Socket } from 'socket.io-client';
import { join } from 'node:path';
import type { Answer, ClientToServerEvents, Room, ServerToClientEvents } from '../src/events.ts';
import { attach, serverOptions } from '../src/server.ts';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

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

/** The answer of a successful ack, or a failure that quotes the server's error. */
export function ok<Result extends object>(answer: Answer<Result>): { ok: true } & Result {
  if (!answer.ok) throw new Error(`expected { ok: true }, the server answered: ${answer.error}`);
  return answer;
}

/** Creates a room named after `label` and returns it. */
export async function createRoom(client: ChatClient, label: string): Promise<Room> {
  return ok(await client.emitWithAck('room:create', { name: uniqueName(label) })).room;
}

/** Joins a room and returns the join's answer (room, history, online). */
export async function joinRoom(client: ChatClient, roomId: number) {
  return ok(await client.emitWithAck('room:join', { roomId }));
}
