// Lab 07's packet middleware, for the labs after it (lab 07 writes it out in its server.ts: it is
// its lesson). Every event is checked against its schema before its handler runs; a refusal answers
// the ack itself, and the handler gets the checked payload and a reply that is always a function.
import { fail, replyVia } from './acks.ts';

/** A schema as the guard uses it (zod's safeParse, without depending on zod here). */
interface Schema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false };
}

/** The schema of a client event, if it is one: own keys only, so "toString" or "__proto__" is no event of ours. */
export const schemaFor = <S>(payloads: Record<string, S>, event: string): S | undefined =>
  Object.hasOwn(payloads, event) ? payloads[event] : undefined;

/** socket.use(checkPackets(payloads, refusal)): `payloads` has one schema per client-to-server event. */
export function checkPackets<S extends Schema>(payloads: Record<string, S>, refusal: (schema: S, payload: unknown) => string) {
  return (packet: [string, ...unknown[]], next: (error?: Error) => void) => {
    const [event, ...args] = packet;
    const reply = replyVia(typeof args.at(-1) === 'function' ? args.pop() : undefined);
    const schema = schemaFor(payloads, event);
    if (!schema) return reply(fail(`There is no event "${event}".`));
    const payload = args.length > 1 ? args : args[0];
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return reply(fail(refusal(schema, payload)));
    packet.splice(1, Infinity, ...(parsed.data === undefined ? [] : [parsed.data]), reply);
    next();
  };
}
