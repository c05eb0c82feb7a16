// The private chat's public interface, typed once and shared by the server and the page.
// Identity is never a payload field: the server knows who you are from your session.

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

/** Every ack answers either `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type Answer<Result extends object = {}> = ({ ok: true } & Result) | { ok: false; error: string };
export type Ack<Result extends object = {}> = (answer: Answer<Result>) => void;

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
  'dm:send': (payload: { to: number; text: string }, ack: Ack<{ message: Message }>) => void;
  /** Your conversation with one user, oldest first: the `limit` messages before `before`. */
  'dm:history': (payload: { with: number; before?: number; limit?: number }, ack: Ack<{ messages: Message[] }>) => void;
  /** Deletes the conversation for you only; the other side keeps its copy. */
  'dm:delete': (payload: { with: number }, ack: Ack) => void;
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

export const MESSAGE_MAX = 2000;
export const HISTORY_DEFAULT = 50;
export const HISTORY_MAX = 100;
