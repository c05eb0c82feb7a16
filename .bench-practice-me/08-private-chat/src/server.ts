// Lab 08: private one-to-one chat. The original post sketches two ways:
//   1. a room per pair of users, joined by both;
//   2. emit(..., room=sid), the other user's sid looked up in a user table.
// Both break in real life: a sid changes on every reconnect, and one user may have two tabs.
// So this lab gives every USER a room of one, `user:<userId>`, that all their sockets join;
// a session (not the sid) says who a socket is, and SQLite keeps each message until the
// recipient acks it, so offline users get it later, exactly once.
import { COULD_NOT_SAVE, fail, guarded, MAX_PACKET_BYTES, RATE_ERROR, replyVia, tokenBucket } from '@labs/shared';
import { randomBytes } from 'node:crypto';
import type { DefaultEventsMap, Server, ServerOptions } from 'socket.io';
import { HISTORY_DEFAULT, payloads, refusal, USERNAME } from './events.ts';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from './events.ts';
import { openStore } from './store.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

// Lab 07's limits: a packet over maxHttpBufferSize closes its connection, a token bucket per socket meets a flood.
export const serverOptions: Partial<ServerOptions> = { maxHttpBufferSize: MAX_PACKET_BYTES };

/** How long a socket has to ack a dm:new. A message not acked by then waits for the next connection. */
export const ACK_TIMEOUT_MS = 30_000;

/** Every user's own socket.io room: all their tabs are in it, whatever their sids. */
export const userRoom = (userId: number) => `user:${userId}`;

export function attach(io: LabServer, { dbFile }: { dbFile: string }) {
  const store = openStore(dbFile);
  // Each socket's session id, from the middleware to 'connection', kept off the socket: socket.data travels with fetchSockets().
  const sessionIds = new WeakMap<object, string>();

  // Who is this socket? A middleware runs before 'connection'; next(error) refuses it with a connect_error.
  io.use((socket, next) => {
    const auth: Record<string, unknown> = { ...socket.handshake.auth };
    delete socket.handshake.auth?.sessionId; // see sessionIds above
    try {
      // TODO(08.1): a returning user sends { sessionId }: find its user, or refuse with "This session is unknown: sign in again with a new username."  (delete this TODO line once it is done)
      //   Hint: The store knows which user a session id belongs to (store.userForSession). Keep who it is in socket.data and the id in sessionIds, as the new-user branch below does.

      // A new user picks a name. A taken name is refused, so nobody can become someone else.
      const username = auth.username;
      if (typeof username !== 'string' || !USERNAME.test(username))
        return next(new Error('Sign in with a username of 1 to 32 letters, digits, _ or -.'));
      const user = store.createUser(username);
      if (!user) return next(new Error(`The username "${username}" is taken: pick another one.`));
      // A bearer secret: 32 random bytes (256 bits) cannot be guessed; the database keeps only its hash.
      const sessionId = randomBytes(32).toString('base64url');
      store.saveSession(sessionId, user.userId);
      socket.data = { ...user, isNewUser: true };
      sessionIds.set(socket, sessionId);
      next();
    } catch (error) {
      // The database failed (SQLITE_BUSY, say): refuse this one socket rather than crash the server.
      console.error('a sign-in failed (the stack says where):', error);
      next(new Error(COULD_NOT_SAVE));
    }
  });

  // biome-ignore format: one socket.on(event, guarded(handler)) block per event, as socket.io's chat example reads
  io.on('connection', (socket) => {
    // One bucket per socket: a client that floods spends its own tokens, never the others'.
    const mayPost = tokenBucket();
    const { userId, username } = socket.data;
    const room = userRoom(userId);
    const sessionId = sessionIds.get(socket)!;

    // TODO(08.2): put this socket in its user's own room  (delete this TODO line once it is done)
    //   Hint: Every tab of a user joins the same room, so the room, not the sid, is the address of a user.

    // To this socket only: who it is (the page stores sessionId), and everyone else.
    socket.emit('session', { sessionId, userId, username });
    const others = store.listUsers().filter((user) => user.userId !== userId);
    socket.emit('users', others.map((user) => ({ ...user, online: io.sockets.adapter.rooms.has(userRoom(user.userId)) })));
    if (socket.data.isNewUser) socket.broadcast.emit('user:new', { userId, username });

    // TODO(08.3): tell the others when this user's first socket arrives, and when its last one leaves  (delete this TODO line once it is done)
    //   Hint: The user's room counts their sockets: io.sockets.adapter.rooms.get(room) is a Set of sids. A second tab, or a reconnect, must not flap.

    // TODO(08.5): send this socket every message still waiting for its user, oldest first, each with an ack  (delete this TODO line once it is done)
    //   Hint: store.undeliveredFor(userId) is the backlog, oldest first. Deliver it exactly like a live message: with a timeout and an ack that marks it delivered.

    // Packet middleware, as in lab 07: every event is checked against its schema before its handler runs.
    socket.use((packet, next) => {
      const [event, ...args] = packet;
      const reply = replyVia(typeof args.at(-1) === 'function' ? args.pop() : undefined);
      const schema = payloads[event as keyof typeof payloads];
      if (!schema) return reply(fail(`There is no event "${event}".`));
      const payload = args.length > 1 ? args : args[0];
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return reply(fail(refusal(schema, payload)));
      packet.splice(1, Infinity, parsed.data, reply);
      next();
    });

    // guarded turns a thrown database error into an error ack instead of a crashed server.
    socket.on('dm:send', guarded(async ({ to, text }, reply) => {
      if (!mayPost()) return reply(fail(RATE_ERROR));
      if (to === userId || !store.findUser(to)) return reply(fail('to must be the userId of another user.'));
      // Stored BEFORE the ack, so it survives a crash; the sender is the session's user, never a payload field.
      const message = store.saveMessage(userId, to, text);
      reply({ ok: true, message });

      // TODO(08.4): emit dm:new to each socket of the recipient, with an ack; the first ack marks it delivered  (delete this TODO line once it is done)
      //   Hint: io.in(room).fetchSockets() lists the recipient's sockets; each one's timeout(ms).emit(event, data, callback) waits for that socket's ack (err is set if it never came).
      // The sender's other tabs show it too (socket.to skips this one); their acks are no delivery, but the page calls ack() on every dm:new.
      socket.to(room).timeout(ACK_TIMEOUT_MS).emit('dm:new', message, () => {});
    }));

    socket.on('dm:history', guarded(({ with: peer, before, limit = HISTORY_DEFAULT }, reply) => {
      if (peer === userId || !store.findUser(peer)) return reply(fail('with must be the userId of another user.'));
      // The caller is always one side of the pair: nobody can read another pair's messages.
      reply({ ok: true, messages: store.history(userId, peer, before ?? Number.MAX_SAFE_INTEGER, limit) });
    }));

    // The post's "delete the chat, delete the room": here it hides the chat for the caller only.
    socket.on('dm:delete', guarded(({ with: peer }, reply) => {
      if (peer === userId || !store.findUser(peer)) return reply(fail('with must be the userId of another user.'));
      store.deleteConversation(userId, peer);
      reply({ ok: true });
    }));
  });

  // startLab calls this after io.close(): no socket can ack any more.
  return () => store.close();
}
