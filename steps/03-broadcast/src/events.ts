// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides.

/** Every ack answers either `{ ok: true, ...result }` or `{ ok: false, error }`: a sentence saying what was wrong. */
export type Answer<Result extends object = {}> = ({ ok: true } & Result) | { ok: false; error: string };
export type Ack<Result extends object = {}> = (answer: Answer<Result>) => void;

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
