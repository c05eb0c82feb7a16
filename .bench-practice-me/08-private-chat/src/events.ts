// The private chat's public interface, typed once and shared by the server and the page.
// Identity is never a payload field: the server knows who you are from your session.
// Each client-to-server payload is a zod schema, as in lab 07: checked by the server, its type inferred.
import { z } from 'zod';
import type { Ack } from '@labs/shared';
export type { Ack, Answer } from '@labs/shared';

/** Another user, as the page lists them. `online` is true while they have at least one socket. */
export interface UserStatus {
  userId: number;
  username: string;
  online: boolean;
}

/** What the server gives a socket on connect. Keep `sessionId` secret: it is your login. */
export interface Session {
  sessionId: string;
  userId: number;
  username: string;
}

export interface Message {
  id: number;
  /** Always the sender's session user, never a payload field. */
  from: number;
  to: number;
  text: string;
  /** ISO 8601, e.g. "2025-01-31T09:30:00.000Z". */
  createdAt: string;
}

export const MESSAGE_MAX = 2000;
export const HISTORY_DEFAULT = 50;
export const HISTORY_MAX = 100;

/** A user id or a message id is SQLite's integer: a whole number from 1. */
const id = (sentence: string) => z.int({ error: sentence }).positive(sentence);
const TEXT = `text must be 1 to ${MESSAGE_MAX} characters.`;
const LIMIT = `limit must be a whole number from 1 to ${HISTORY_MAX}.`;

/** One schema per event; a rule's sentence, else `.describe()`, is what a refused payload gets back. */
export const payloads = {
  // 1 to 2,000 characters (JavaScript's .length, UTF-16 code units), kept exactly as typed.
  'dm:send': z
    .object({
      to: id('Send { to, text }: to is the userId of the recipient.'),
      text: z.string({ error: TEXT }).min(1, TEXT).max(MESSAGE_MAX, TEXT),
    })
    .describe('Send { to, text }: to is the userId of the recipient.'),
  // Only a missing limit means "the default": null is a value, and not a number.
  'dm:history': z
    .object({
      with: id('Ask for { with, before?, limit? }: with is a userId.'),
      before: id('before must be a message id.').optional(),
      limit: z.int({ error: LIMIT }).min(1, LIMIT).max(HISTORY_MAX, LIMIT).optional(),
    })
    .describe('Ask for { with, before?, limit? }: with is a userId.'),
  'dm:delete': z.object({ with: id('Delete { with }: with is a userId.') }).describe('Delete { with }: with is a userId.'),
};
type Payload<Event extends keyof typeof payloads> = z.infer<(typeof payloads)[Event]>;

/** The sentence for a refused payload: its rule's own, else the event's `.describe()`, never zod's wording. */
export function refusal(schema: z.ZodType, payload: unknown): string {
  // Parsed again, with a fallback message: a parse with options skips zod's fast path, so only refusals pay for it.
  return schema.safeParse(payload, { error: () => schema.description }).error?.issues[0]?.message ?? schema.description!;
}

export interface ServerToClientEvents {
  /** To the connecting socket only: who it is, and the session id to come back with. */
  session: (session: Session) => void;
  /** To the connecting socket only: every other user. */
  users: (users: UserStatus[]) => void;
  /** To everyone else when a new username signs up, so their lists can show the name. */
  'user:new': (user: { userId: number; username: string }) => void;
  /** To everyone else when a user's first socket connects. */
  'user:online': (user: { userId: number }) => void;
  /** To everyone else when a user's last socket disconnects. */
  'user:offline': (user: { userId: number }) => void;
  /**
   * A message for you, or one you sent from another tab. Call `ack` once it is shown: the
   * first ack from any of the recipient's sockets marks it delivered, so it is not sent again.
   * Every dm:new carries an ack, so a client can always call it.
   */
  'dm:new': (message: Message, ack: () => void) => void;
}

export interface ClientToServerEvents {
  'dm:send': (payload: Payload<'dm:send'>, ack: Ack<{ message: Message }>) => void;
  /** Your conversation with one user, oldest first: the `limit` messages before `before`. */
  'dm:history': (payload: Payload<'dm:history'>, ack: Ack<{ messages: Message[] }>) => void;
  /** Deletes the conversation for you only; the other side keeps its copy. */
  'dm:delete': (payload: Payload<'dm:delete'>, ack: Ack) => void;
}

/**
 * What the server keeps on each socket (socket.data): set once, by the session middleware.
 * Never the session id: socket.data travels with fetchSockets(), to other servers in lab 09.
 */
export interface SocketData {
  userId: number;
  username: string;
  /** True when this handshake created the user, so the others hear 'user:new'. */
  isNewUser: boolean;
}

/** A new user's `auth: { username }`: 1 to 32 letters, digits, "_" or "-". */
export const USERNAME = /^[A-Za-z0-9_-]{1,32}$/;
