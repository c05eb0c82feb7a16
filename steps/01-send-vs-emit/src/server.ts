// Lab 01: send vs emit. The original post's server, faithfully:
//
//   @socketio.on('message')
//   def handle_message(msg):
//       socketio.send(msg, broadcast=True)
//       socketio.emit('ceshi', '测试')
//
// In socket.io, send(x) is only a short name for emit('message', x). The "unnamed"
// messages of Flask-SocketIO are events like any other, named "message".
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from './events.ts';

export type LabServer = Server<ClientToServerEvents, ServerToClientEvents>;

export function attach(io: LabServer) {
  io.on('connection', (socket) => {
    // A client's socket.send(x) and socket.emit('message', x) both arrive here.
    socket.on('message', (value) => {
      // A bare socket.send() brings nothing to relay, and a lone callback is not a value.
      if (value === undefined || typeof value === 'function') return;

      // #region practice 01.1: send the value back to every client on "/", the sender included
      // 任务: 把这个值发回给 "/" 上的每个客户端，发送者也包括在内
      // hint: Flask's socketio.send(msg, broadcast=True) talks to everyone. Which object in this file reaches every client, not just this socket?
      // 提示: Flask 的 socketio.send(msg, broadcast=True) 发给所有人。这个文件里哪个对象能到达每个客户端，而不只是这一个 socket？
      // hint: io.send(value) is io.emit('message', value), which reaches every client on "/".
      // 提示: io.send(value) 就是 io.emit('message', value)，它会到达 "/" 上的每个客户端。
      io.send(value);
      // #endregion

      // #region practice 01.2: then emit the named event "ceshi" with "测试" to every client
      // 任务: 然后向每个客户端发出有名事件 "ceshi"，内容是 "测试"
      // hint: A named event is emit(name, ...args), with the same object as 01.1.
      // 提示: 有名事件就是 emit(name, ...args)，用的是和 01.1 同一个对象。
      // hint: io.emit('ceshi', '测试');
      // 提示: 答案：io.emit('ceshi', '测试');
      io.emit('ceshi', '测试');
      // #endregion
    });
  });
}
