// Every lab refuses a packet nested deeper than MAX_NESTING levels before its handlers see it.
// socket.io's encoder walks a value recursively: a lab that relays one small packet nested
// thousands of levels deep would overflow the stack and take the whole server down.
import type { Server, Socket } from 'socket.io';

/** Deep enough for any real message; far too shallow to overflow the encoder. */
export const MAX_NESTING = 64;
export const TOO_DEEP = `That value is nested too deeply to send: at most ${MAX_NESTING} levels of objects and arrays.`;

/** Does `value` nest arrays or objects more than `limit` levels deep? Stops looking at the limit. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((child) => nestsDeeperThan(child, limit - 1));
}

/** Drops such a packet on every socket of every namespace; a callback it carries hears why. */
export function refuseDeepNesting(io: Server<never, never>) {
  const guard = (socket: Socket) =>
    socket.use(([, ...args], next) => {
      if (!nestsDeeperThan(args, MAX_NESTING + 1)) return next();
      const ack = args.at(-1);
      if (typeof ack === 'function') ack({ ok: false, error: TOO_DEEP });
    });
  const watch = (nsp: ReturnType<Server['of']>) =>
    nsp.use((socket, next) => {
      guard(socket);
      next();
    });
  watch(io.of('/'));
  io.on('new_namespace', watch);
}
