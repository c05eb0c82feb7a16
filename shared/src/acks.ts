// The ack idiom every lab from 03 on answers with. Lab 02 teaches it and keeps its own copy;
// from lab 03 on it is plumbing, imported from '@labs/shared'.

/** Every ack answers either `{ ok: true, ...result }` or `{ ok: false, error }`: a sentence saying what was wrong. */
export type Answer<Result extends object = {}> = ({ ok: true } & Result) | { ok: false; error: string };
export type Ack<Result extends object = {}> = (answer: Answer<Result>) => void;

/** A refusal, with the sentence the client reads. */
export const fail = (error: string) => ({ ok: false as const, error });

/** The client's ack, guarded: a client that sent no ack gets no answer, one that sent only a callback gets it there. */
export function replyVia<Result extends object = {}>(ack: unknown): Ack<Result> {
  return (answer) => {
    if (typeof ack === 'function') ack(answer);
  };
}

/** What a client is told when the server's storage failed (the details go to the server's log). */
export const COULD_NOT_SAVE = 'The server could not save that, try again.';

/**
 * A handler that cannot crash the server. A database can fail (SQLITE_BUSY, a full disk, Redis
 * gone); thrown in a handler that would be an uncaught exception and the process would exit.
 * Instead the asker's ack (socket.io passes it last) answers why() (COULD_NOT_SAVE unless told); an ack already answered ignores it.
 */
export function guarded<Args extends unknown[]>(handler: (...args: Args) => unknown, why: () => string = () => COULD_NOT_SAVE) {
  return async (...args: Args) => {
    try {
      await handler(...args);
    } catch (error) {
      console.error('a request failed (the stack says where):', error);
      replyVia(args.at(-1))(fail(why()));
    }
  };
}
