// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides.

/** Every ack in this lab: ok, or a sentence saying what was wrong. */
export type Ack = { ok: true } | { ok: false; error: string };

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
  join: (payload: JoinPayload, ack?: (answer: Ack) => void) => void;
  leave: (payload: JoinPayload, ack?: (answer: Ack) => void) => void;
  'room message': (payload: { room: string; text: string }, ack?: (answer: Ack) => void) => void;
  close: (payload: { room: string }, ack?: (answer: Ack) => void) => void;
  whoami: (ack: (answer: WhoAmI) => void) => void;
}
