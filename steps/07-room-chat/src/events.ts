// The room chat's public interface, typed once and shared by the server and the page.
// Event names, payloads and acks are a contract: labs 09 and 10 run the very same events on several nodes.
// Each client-to-server payload is a zod schema: the server checks it, and its type is inferred from it.
import type { DefaultEventsMap, Server } from 'socket.io';
import { z } from 'zod';
import type { Ack } from '@labs/shared';
export type { Ack, Answer } from '@labs/shared';

/** A room as clients see it. `id` is SQLite's integer; `online` is counted live by socket.io. */
export interface Room {
  id: number;
  name: string;
  /** The username that created it: the only one who may close it. */
  owner: string;
  /** ISO 8601, e.g. "2025-01-31T09:30:00.000Z". */
  createdAt: string;
  /** Distinct usernames with at least one socket in the room. */
  online: number;
}

export interface Message {
  id: number;
  roomId: number;
  /** Always the sender's handshake username, never a payload field. */
  author: string;
  text: string;
  createdAt: string;
}

export const ROOM_NAME_MAX = 64;
export const MESSAGE_MAX = 2000;
export const HISTORY_LIMIT = 50;

/** A room id is SQLite's integer: a whole number from 1 (z.int() also refuses 1.5 and unsafe integers). */
const roomId = z.int().positive();

/**
 * One schema per event. `.describe()` is the sentence a refused payload gets back; a rule with its
 * own sentence says more. zod's own messages are never shown. Unknown fields (an `author`) are dropped.
 */
export const payloads = {
  'room:create': z
    .object({
      // Lengths are JavaScript's .length: UTF-16 code units, so an emoji counts as 2.
      name: z
        .string()
        .trim()
        .min(1, `A room name is 1 to ${ROOM_NAME_MAX} characters.`)
        .max(ROOM_NAME_MAX, `A room name is 1 to ${ROOM_NAME_MAX} characters.`)
        // Control characters (NUL, newline, escape…) are invisible or break a line: no room name has them.
        .regex(/^\P{Cc}*$/u, 'A room name cannot contain control characters such as a newline.'),
    })
    .describe('room:create needs { name }: a string.'),
  'room:list': z.undefined().describe('room:list takes no payload: emit it with an ack only.'),
  'room:join': z.object({ roomId }).describe('room:join needs { roomId }: a room id, a whole number.'),
  'room:leave': z.object({ roomId }).describe('room:leave needs { roomId }: a room id, a whole number.'),
  'message:send': z
    .object({
      roomId,
      // 1 to 2,000 characters, as typed: a lone space is a message (the page skips blank lines itself).
      text: z
        .string()
        .min(1, `A message is 1 to ${MESSAGE_MAX} characters.`)
        .max(MESSAGE_MAX, `A message is 1 to ${MESSAGE_MAX} characters.`),
    })
    .describe('message:send needs { roomId, text }: a room id and a string.'),
  'room:close': z.object({ roomId }).describe('room:close needs { roomId }: a room id, a whole number.'),
};
/** The sentence for a refused payload: its rule's own, else the event's `.describe()`, never zod's wording. */
export function refusal(schema: z.ZodType, payload: unknown): string {
  // Parsed again, with a fallback message: a parse with options skips zod's fast path, so only refusals pay for it.
  return schema.safeParse(payload, { error: () => schema.description }).error?.issues[0]?.message ?? schema.description!;
}
type Payload<Event extends keyof typeof payloads> = z.infer<(typeof payloads)[Event]>;
export type RoomRef = Payload<'room:join'>;

export interface ServerToClientEvents {
  /** To every client after a room is created or closed: the full room list, oldest first. */
  'rooms:changed': (rooms: Room[]) => void;
  /** To everyone in the room after a join, a leave or a disconnect. */
  'room:presence': (presence: { roomId: number; online: number }) => void;
  /** To everyone in the room, the sender included. */
  'message:new': (message: Message) => void;
  /** To the members of a room its owner just closed; they are out of it already. */
  'room:closed': (closed: RoomRef) => void;
}

export interface ClientToServerEvents {
  'room:create': (payload: Payload<'room:create'>, ack: Ack<{ room: Room }>) => void;
  'room:list': (ack: Ack<{ rooms: Room[] }>) => void;
  /** `history` is the room's last 50 messages, oldest first. */
  'room:join': (payload: RoomRef, ack: Ack<{ room: Room; history: Message[]; online: number }>) => void;
  'room:leave': (payload: RoomRef, ack: Ack) => void;
  'message:send': (payload: Payload<'message:send'>, ack: Ack<{ message: Message }>) => void;
  'room:close': (payload: RoomRef, ack: Ack) => void;
}

/** What the server keeps on each socket (socket.data): set once, by the handshake middleware. */
export interface SocketData {
  username: string;
}

/** The server typed by these maps: every emit and handler is checked against them. */
export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

/** The handshake's `auth: { username }`: 1 to 32 letters, digits, "_" or "-". */
export const USERNAME = /^[A-Za-z0-9_-]{1,32}$/;
/** What a refused username hears in connect_error (the checkpoints accept any wording that names the username). */
export const USERNAME_ERROR = 'The username is invalid: use 1 to 32 letters, digits, _ or -.';
