// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides.

/** Every ack answers either `{ ok: true, ...result }` or `{ ok: false, error }`: a sentence saying what was wrong. */
// Acks are this lab's lesson, so the idiom is spelled out here; from lab 03 on it is imported from '@labs/shared'.
export type Answer<Result extends object = {}> = ({ ok: true } & Result) | { ok: false; error: string };
export type Ack<Result extends object = {}> = (answer: Answer<Result>) => void;

export interface ServerToClientEvents {
  /** What a send() delivers: whatever value the client sent (lab 01), or a relayed json object. */
  message: (value: unknown) => void;
  /** The post's named event, always the string "测试" ("test"). */
  ceshi: (text: string) => void;
}

export interface ClientToServerEvents {
  /** A client's send(value), or emit('message', value): they are the same packet. */
  message: (value: unknown) => void;
  /** The post's json event: a plain object, relayed to everyone as "message". The ack is optional. */
  json: (payload: unknown, ack?: Ack) => void;
  /** Several values in one event, answered in the ack (`Answer<{ values }>`) with what arrived, in order. */
  roundtrip: (...valuesThenAck: unknown[]) => void;
}
