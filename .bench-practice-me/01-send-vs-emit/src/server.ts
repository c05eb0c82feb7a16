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

      // TODO(01.1): send the value back to every client on "/", the sender included  (delete this TODO line once it is done)
      //   Hint: Flask's socketio.send(msg, broadcast=True) talks to everyone. Which object in this file reaches every client, not just this socket?

      // TODO(01.2): then emit the named event "ceshi" with "测试" to every client  (delete this TODO line once it is done)
      //   Hint: A named event is emit(name, ...args), with the same object as 01.1.
    });
  });
}
