// In every lab page, bundled in by page-bundle.ts: when the hub frames the page, its
// "disconnect / reconnect" buttons reach the page's sockets by postMessage. Alone in a tab, it does nothing.
import { Socket } from 'socket.io-client';

if (typeof window !== 'undefined' && window.parent !== window) {
  const sockets = new Set<Socket>();
  const report = () => {
    const connected = [...sockets].some((socket) => socket.connected);
    window.parent.postMessage({ hub: 'state', connected }, '*');
  };
  const connect = Socket.prototype.connect;
  Socket.prototype.connect = function (this: Socket) {
    if (!sockets.has(this)) {
      sockets.add(this);
      this.on('connect', report);
      this.on('disconnect', report);
    }
    return connect.call(this);
  };
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const wanted = (event.data as { hub?: string })?.hub;
    if (wanted === 'disconnect') for (const socket of sockets) socket.disconnect();
    if (wanted === 'reconnect') for (const socket of sockets) socket.connect();
    if (wanted === 'disconnect' || wanted === 'reconnect') report();
  });
}
