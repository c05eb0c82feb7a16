// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides.

/** The ack idiom of lab 02, from here on imported: `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type { Ack, Answer } from '@labs/shared';
import type { Ack } from '@labs/shared';

export interface JoinPayload {
  username: string;
  room: string;
}

export interface WhoAmI {
  /** This connection's id; it is also the name of a room only this socket is in. */
  sid: string;
  /** socket.rooms as a list: the sid first, then every room joined. */
  rooms: string[];
  /** "/" here: rooms live inside one namespace. */
  namespace: string;
}

export interface ServerToClientEvents {
  /** "<username> has entered the room." / "... has left the room." / "... has disconnected." */
  status: (text: string) => void;
  /** A message posted by a member, to everyone in its room. */
  message: (message: { room: string; username: string; text: string }) => void;
  /** The room was closed: every member is out of it now. */
  closed: (info: { room: string }) => void;
}

export interface ClientToServerEvents {
  join: (payload: JoinPayload, ack?: Ack) => void;
  leave: (payload: JoinPayload, ack?: Ack) => void;
  'room message': (payload: { room: string; text: string }, ack?: Ack) => void;
  close: (payload: { room: string }, ack?: Ack) => void;
  whoami: (ack: (answer: WhoAmI) => void) => void;
}
