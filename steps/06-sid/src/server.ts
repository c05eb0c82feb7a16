// Lab 06: sid. For private chat, the post suggests a user table, { username: request.sid }, updated
// on every connection, and sending to the other user's sid (in Flask, emit(..., to=sid)).
//
// Every connection is in a room named after its sid, so "send to a sid" is "send to that room".
// But a sid names one connection, not a person: it changes on every reconnect. This lab shows what
// the table must do to survive that, and where it still falls short (lab 08).
import type { Server } from 'socket.io';
import { fail, replyVia } from '@labs/shared';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';

/** What the server remembers per connection: the name this connection registered. */
export interface SocketData {
  username?: string;
}

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents, {}, SocketData>;

// Lengths are JavaScript's .length: UTF-16 code units, so an emoji counts as 2.
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 2000;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function attach(io: LabServer) {
  // The post's user table: username -> the sid of that user's current connection.
  const users = new Map<string, string>();
  const online = () => [...users.keys()].sort();

  io.on('connection', (socket) => {
    // socket.id is Flask's request.sid: random, made by the server for this connection only.
    // whoami takes no payload: its ack is the last argument, whatever a client sent before it.
    socket.on('whoami', (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      ack({ sid: socket.id, rooms: [...socket.rooms], namespace: socket.nsp.name });
    });

    // socket.io passes the callback last, so a lone emit('register', cb) brings it in payload's place.
    socket.on('register', (payload, ack) => {
      const reply = replyVia<{ sid: string }>(ack ?? payload);
      if (!isObject(payload) || !isName(payload.username)) {
        return reply(fail('Send { username }: a non-empty string of at most 64 characters.'));
      }
      const { username } = payload;
      // One name per connection: registering under a new name gives the old one up.
      const previous = socket.data.username;
      if (previous !== undefined && previous !== username && users.get(previous) === socket.id) users.delete(previous);

      // #region practice 06.1: point the user table at this connection, and remember the name on the socket
      // 任务: 让用户表指向这个连接，并把名字记在 socket 上
      // hint: The newest connection wins: set the table's entry for this name to this socket's sid, even if the name was there.
      // 提示: 最新的连接说了算：把表中这个名字的条目设为这个 socket 的 sid，即使这个名字已经在表里。
      // hint: users.set(username, socket.id); socket.data.username = username;
      // 提示: 答案：users.set(username, socket.id); socket.data.username = username;
      users.set(username, socket.id);
      socket.data.username = username;
      // #endregion

      // #region practice 06.2: tell every client who is online now
      // 任务: 告诉每个客户端现在谁在线
      // hint: Everyone, the registering client included, gets the event "users" with the list of names.
      // 提示: 每个人（包括正在注册的客户端）都收到 "users" 事件，内容是名字列表。
      // hint: io.emit('users', online());
      // 提示: 答案：io.emit('users', online());
      io.emit('users', online());
      // #endregion
      reply({ ok: true, sid: socket.id });
    });

    socket.on('direct', (payload, ack) => {
      const reply = replyVia(ack ?? payload);
      if (!isObject(payload) || !isName(payload.to) || !isText(payload.text)) {
        return reply(fail('Send { to, text }: a username and 1 to 2000 characters of text.'));
      }
      const { to, text } = payload;
      // The sender is whoever the table says owns this sid. A stale connection no longer owns a name.
      const from = socket.data.username;
      if (from === undefined || users.get(from) !== socket.id) {
        return reply(fail('Register a username on this connection before sending direct messages.'));
      }
      const sid = users.get(to);
      if (sid === undefined) return reply(fail(`"${to}" is not online.`));

      // #region practice 06.3: send the direct message to the one connection the table names
      // 任务: 把私信发给用户表里记着的那一个连接
      // hint: Every socket is in a room named after its own sid, so a sid works with io.to(...), like Flask's room=sid.
      // 提示: 每个 socket 都在一个以自己的 sid 命名的房间里，所以 sid 可以直接用在 io.to(...) 里，就像 Flask 的 room=sid。
      // hint: io.to(sid).emit('direct', { from, text });
      // 提示: 答案：io.to(sid).emit('direct', { from, text });
      io.to(sid).emit('direct', { from, text });
      // #endregion
      reply({ ok: true });
    });

    socket.on('disconnect', () => {
      const name = socket.data.username;
      // #region practice 06.4: forget the user, but only if the table still points at this connection
      // 任务: 忘掉这个用户，但只在用户表仍然指向这个连接时才这样做
      // hint: After a reconnect, the new connection may have registered before the old one's disconnect arrives. Whose entry would you delete?
      // 提示: 重连之后，新连接可能在旧连接的 disconnect 到达之前就已经注册了。你会删掉谁的条目？
      // hint: if (name !== undefined && users.get(name) === socket.id) { users.delete(name); io.emit('users', online()); }
      // 提示: 答案：if (name !== undefined && users.get(name) === socket.id) { users.delete(name); io.emit('users', online()); }
      if (name !== undefined && users.get(name) === socket.id) {
        users.delete(name);
        io.emit('users', online());
      }
      // #endregion
    });
  });
}
