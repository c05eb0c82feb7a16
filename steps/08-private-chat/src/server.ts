// Lab 08: private one-to-one chat. The original post sketches two ways:
//   1. a room per pair of users, joined by both;
//   2. emit(..., room=sid), the other user's sid looked up in a user table.
// Both break in real life: a sid changes on every reconnect, and one user may have two tabs.
// So this lab gives every USER a room of one, `user:<userId>`, that all their sockets join;
// a session (not the sid) says who a socket is, and SQLite keeps each message until the
// recipient acks it, so offline users get it later, exactly once.
import { checkPackets, COULD_NOT_SAVE, fail, guarded, MAX_PACKET_BYTES, RATE_ERROR, tokenBucket } from '@labs/shared';
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
      // #region practice 08.1: a returning user sends { sessionId }: find its user, or refuse with "This session is unknown: sign in again with a new username."
      // 任务: 回来的用户会发来 { sessionId }：找到它对应的用户，找不到就用 "This session is unknown: sign in again with a new username." 拒绝
      // hint: The store knows which user a session id belongs to (store.userForSession). Keep who it is in socket.data and the id in sessionIds, as the new-user branch below does.
      // 提示: store 知道一个会话（session）id 属于哪个用户（store.userForSession）。像下面新用户的分支那样，把用户是谁存进 socket.data，把 id 存进 sessionIds。
      // hint: if (typeof auth.sessionId === 'string') { const user = store.userForSession(auth.sessionId); if (!user) return next(new Error('…')); socket.data = { ...user, isNewUser: false }; sessionIds.set(socket, auth.sessionId); return next(); }
      // 提示: 答案：if (typeof auth.sessionId === 'string') { const user = store.userForSession(auth.sessionId); if (!user) return next(new Error('…')); socket.data = { ...user, isNewUser: false }; sessionIds.set(socket, auth.sessionId); return next(); }
      if (typeof auth.sessionId === 'string') {
        const user = store.userForSession(auth.sessionId);
        if (!user) return next(new Error('This session is unknown: sign in again with a new username.'));
        socket.data = { ...user, isNewUser: false };
        sessionIds.set(socket, auth.sessionId);
        return next();
      }
      // #endregion

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
    // One bucket per socket: a flood spends its own tokens, and 200 refusals in a second cut the socket off.
    const mayPost = tokenBucket({ onFlood: () => socket.disconnect(true) });
    const { userId, username } = socket.data;
    const room = userRoom(userId);
    const sessionId = sessionIds.get(socket)!;

    // #region practice 08.2: put this socket in its user's own room
    // 任务: 把这个 socket 加入它的用户自己的房间
    // hint: Every tab of a user joins the same room, so the room, not the sid, is the address of a user.
    // 提示: 一个用户的每个标签页都加入同一个房间，所以用户的地址是这个房间，而不是 sid。
    // hint: socket.join(room);
    // 提示: 答案：socket.join(room);
    socket.join(room);
    // #endregion

    // To this socket only: who it is (the page stores sessionId), and everyone else.
    socket.emit('session', { sessionId, userId, username });
    const others = store.listUsers().filter((user) => user.userId !== userId);
    socket.emit('users', others.map((user) => ({ ...user, online: io.sockets.adapter.rooms.has(userRoom(user.userId)) })));
    if (socket.data.isNewUser) socket.broadcast.emit('user:new', { userId, username });

    // #region practice 08.3: tell the others when this user's first socket arrives, and when its last one leaves
    // 任务: 在这个用户的第一个 socket 到来、以及最后一个 socket 离开时，告诉其他人
    // hint: The user's room counts their sockets: io.sockets.adapter.rooms.get(room) is a Set of sids. A second tab, or a reconnect, must not flap.
    // 提示: 用户的房间数着他的 socket：io.sockets.adapter.rooms.get(room) 是一个由 sid 组成的 Set。第二个标签页或一次重连都不该让在线状态来回跳。
    // hint: if (io.sockets.adapter.rooms.get(room)?.size === 1) socket.broadcast.emit('user:online', { userId }); and on 'disconnect' (the socket has left its rooms by then): if (!io.sockets.adapter.rooms.has(room)) io.emit('user:offline', { userId });
    // 提示: 答案：if (io.sockets.adapter.rooms.get(room)?.size === 1) socket.broadcast.emit('user:online', { userId }); 并在 'disconnect' 里（那时 socket 已经离开了它的房间）：if (!io.sockets.adapter.rooms.has(room)) io.emit('user:offline', { userId });
    if (io.sockets.adapter.rooms.get(room)?.size === 1) socket.broadcast.emit('user:online', { userId });
    socket.on('disconnect', () => {
      if (!io.sockets.adapter.rooms.has(room)) io.emit('user:offline', { userId });
    });
    // #endregion

    // #region practice 08.5: send this socket every message still waiting for its user, oldest first, each with an ack
    // 任务: 把所有还在等这个用户的消息发给这个 socket，从最早的开始，每条都带确认回调
    // hint: store.undeliveredFor(userId) is the backlog, oldest first. Deliver it exactly like a live message: with a timeout and an ack that marks it delivered.
    // 提示: store.undeliveredFor(userId) 是积压的消息，最早的在前。像投递实时消息一样投递它们：带超时，并用确认回调把它标记为已送达。
    // hint: for (const message of store.undeliveredFor(userId)) socket.timeout(ACK_TIMEOUT_MS).emit('dm:new', message, (err) => { if (!err) store.markDelivered(message.id); });
    // 提示: 答案：for (const message of store.undeliveredFor(userId)) socket.timeout(ACK_TIMEOUT_MS).emit('dm:new', message, (err) => { if (!err) store.markDelivered(message.id); });
    for (const message of store.undeliveredFor(userId)) {
      socket.timeout(ACK_TIMEOUT_MS).emit('dm:new', message, (err) => {
        if (!err) store.markDelivered(message.id);
      });
    }
    // #endregion

    // Lab 07's packet middleware (shared/src/packet-guard.ts): every event is checked against its schema before its handler runs.
    socket.use(checkPackets(payloads, refusal));

    // guarded turns a thrown database error into an error ack instead of a crashed server.
    socket.on('dm:send', guarded(async ({ to, text }, reply) => {
      if (!mayPost()) return reply(fail(RATE_ERROR));
      if (to === userId || !store.findUser(to)) return reply(fail('to must be the userId of another user.'));
      // Stored BEFORE the ack, so it survives a crash; the sender is the session's user, never a payload field.
      const message = store.saveMessage(userId, to, text);
      reply({ ok: true, message });

      // #region practice 08.4: emit dm:new to each socket of the recipient, with an ack; the first ack marks it delivered
      // 任务: 向收件人的每个 socket 发出 dm:new，带确认回调；第一个确认回调把它标记为已送达
      // hint: io.in(room).fetchSockets() lists the recipient's sockets; each one's timeout(ms).emit(event, data, callback) waits for that socket's ack (err is set if it never came).
      // 提示: io.in(room).fetchSockets() 列出收件人的 socket；每个 socket 的 timeout(ms).emit(event, data, callback) 等待这个 socket 的确认回调（一直没来的话，err 会有值）。
      // hint: for (const target of await io.in(userRoom(message.to)).fetchSockets()) target.timeout(ACK_TIMEOUT_MS).emit('dm:new', message, (err) => { if (!err) store.markDelivered(message.id); });
      // 提示: 答案：for (const target of await io.in(userRoom(message.to)).fetchSockets()) target.timeout(ACK_TIMEOUT_MS).emit('dm:new', message, (err) => { if (!err) store.markDelivered(message.id); });
      for (const target of await io.in(userRoom(message.to)).fetchSockets()) {
        target.timeout(ACK_TIMEOUT_MS).emit('dm:new', message, (err) => {
          if (!err) store.markDelivered(message.id);
        });
      }
      // #endregion
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
