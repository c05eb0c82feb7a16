// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides.

/** The ack idiom of lab 02, from here on imported: `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type { Ack, Answer } from '@labs/shared';
import type { Ack } from '@labs/shared';

export interface ServerToClientEvents {
  /** A chat line, to everyone: who sent it (their sid) and the text. */
  chat: (line: { from: string; text: string }) => void;
  /** Someone else is typing: everyone hears it but the typist. */
  typing: (who: { from: string }) => void;
  /** Your own text, back to you alone. */
  echo: (text: string) => void;
}

export interface ClientToServerEvents {
  /** Text for everyone on "/", the sender included. */
  chat: (text: unknown, ack?: Ack) => void;
  /** "I am typing": no payload, just an optional ack. */
  typing: (ack?: Ack) => void;
  /** Text that only the sender gets back. */
  echo: (text: unknown, ack?: Ack) => void;
}
