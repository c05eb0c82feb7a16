// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides.

/** The ack idiom of lab 02, from here on imported: `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type { Ack, Answer } from '@labs/shared';
import type { Ack } from '@labs/shared';

export interface WhoAmI {
  /** This connection's id: the same value as the client's socket.id. */
  sid: string;
  /** socket.rooms as a list: here just the sid, the room every connection starts in. */
  rooms: string[];
  namespace: string;
}

export interface ServerToClientEvents {
  /** The registered usernames that are online, sorted. Sent to everyone when the table changes. */
  users: (usernames: string[]) => void;
  /** A direct message, sent to one sid only. */
  direct: (message: { from: string; text: string }) => void;
}

export interface ClientToServerEvents {
  whoami: (ack: (answer: WhoAmI) => void) => void;
  /** Bind a username to this connection's sid, as the post's user table does. */
  register: (payload: { username: string }, ack?: Ack<{ sid: string }>) => void;
  /** Send text to the connection that `to` is registered on right now. */
  direct: (payload: { to: string; text: string }, ack?: Ack) => void;
}
