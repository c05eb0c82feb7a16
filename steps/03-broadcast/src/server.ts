// Lab 03: broadcast. Three audiences for one message, each its own event:
//
//   emit('chat', data, broadcast=True)                      everyone      io.emit
//   emit('typing', data, broadcast=True, include_self=False) all but me   socket.broadcast.emit
//   emit('echo', data)                                       only me      socket.emit
//
// In a Flask-SocketIO handler, emit() answers the sender alone unless told otherwise. Socket.IO
// says the audience in the object you call emit on: io (everyone), socket.broadcast (all but this
// socket), socket (this one).
import type { Server } from 'socket.io';
import { fail, replyVia } from '@labs/shared';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents>;

const MAX_TEXT_LENGTH = 2000;

/** A chat line: a non-empty string of at most MAX_TEXT_LENGTH characters (UTF-16 code units, as .length counts). */
function isText(text: unknown): text is string {
  return typeof text === 'string' && text.length > 0 && text.length <= MAX_TEXT_LENGTH;
}
const TEXT_ERROR = `The text must be a non-empty string of at most ${MAX_TEXT_LENGTH} characters.`;

export function attach(io: LabServer) {
  io.on('connection', (socket) => {
    // Everyone on "/", the sender included (Flask: emit(..., broadcast=True)).
    socket.on('chat', (text, ack) => {
      // A lone callback, emit('chat', cb), arrives in text's place: answer it all the same.
      const reply = replyVia(ack ?? text);
      if (!isText(text)) return reply(fail(TEXT_ERROR));
      // #region practice 03.1: send the line to every client on "/", the sender included, with the sender's sid
      // 任务: 把这一行发给 "/" 上的每个客户端（包括发送者），并带上发送者的 sid
      // hint: Lab 01's io.send reached everyone. Which object reaches every client, and which field names the sender?
      // 提示: 实验 01 的 io.send 发给了所有人。哪个对象能到达每个客户端？哪个字段标明发送者？
      // hint: io.emit('chat', { from: socket.id, text });
      // 提示: 答案：io.emit('chat', { from: socket.id, text });
      io.emit('chat', { from: socket.id, text });
      // #endregion
      reply({ ok: true });
    });

    // Everyone but the sender: the typist knows they are typing (Flask: include_self=False).
    // typing carries no payload; anything sent along is ignored, and the ack, if any, comes last.
    socket.on('typing', (...args: unknown[]) => {
      const reply = replyVia(args.at(-1));
      // #region practice 03.2: tell every other client that this socket is typing, but not the typist
      // 任务: 告诉其他每个客户端：这个 socket 正在输入，但不告诉输入者自己
      // hint: socket.broadcast is "every socket except this one".
      // 提示: socket.broadcast 的意思是"除了这个 socket 之外的每个 socket"。
      // hint: socket.broadcast.emit('typing', { from: socket.id });
      // 提示: 答案：socket.broadcast.emit('typing', { from: socket.id });
      socket.broadcast.emit('typing', { from: socket.id });
      // #endregion
      reply({ ok: true });
    });

    // Only the sender (Flask: a plain emit() inside the handler).
    socket.on('echo', (text, ack) => {
      const reply = replyVia(ack ?? text);
      if (!isText(text)) return reply(fail(TEXT_ERROR));
      // #region practice 03.3: send the text back to this socket alone
      // 任务: 只把文本发回给这一个 socket
      // hint: The socket the handler was given talks to one client only.
      // 提示: 处理函数拿到的 socket 只和一个客户端说话。
      // hint: socket.emit('echo', text);
      // 提示: 答案：socket.emit('echo', text);
      socket.emit('echo', text);
      // #endregion
      reply({ ok: true });
    });
  });
}
