// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides. Both namespaces use them.

/** The ack idiom of lab 02, from here on imported: `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type { Ack, Answer } from '@labs/shared';
import type { Ack } from '@labs/shared';

/** whoami's answer: this socket as the server sees it. */
export interface WhoAmI {
  /** socket.id: one per namespace, even over one connection. */
  sid: string;
  /** socket.rooms as an array; it always holds the sid itself. */
  rooms: string[];
  /** The socket's namespace, e.g. "/ceshi". */
  namespace: string;
}

export interface ServerToClientEvents {
  /** The post's event: "message" on /ceshi, "no-namespace" on /. */
  ceshi: (text: string) => void;
  /** Lab 03's echo: your own text, back to you alone, on the namespace you sent it on. */
  echo: (text: string) => void;
}

export interface ClientToServerEvents {
  /** On /ceshi: any payload (or none), and an optional ack. On /, nothing handles it. */
  ceshi: (...anyPayloadThenAck: unknown[]) => void;
  /** Who am I? Answered in the ack, on either namespace. */
  whoami: (ack: (me: WhoAmI) => void) => void;
  /** Text that only the sender gets back, on the same namespace. */
  echo: (text: unknown, ack?: Ack) => void;
}
