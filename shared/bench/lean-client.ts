// A receiver that speaks just enough Engine.IO v4 / Socket.IO v5 over a raw WebSocket, so that
// one load-generator core can hold 1,000 of them. socket.io-client would parse every packet into
// objects; this one answers pings, connects to "/", sends acked events, and hands each packet to
// the bench as a Buffer, unparsed. The wire format (engine.io-protocol, socket.io-protocol):
//   "0{…}" open   "2" ping → "3" pong   "4" + a Socket.IO packet: "40{auth}" connect,
//   "40{sid}" connected, "44{…}" refused, "42[…]" event, "42<id>[…]" event with ack, "43<id>[…]" ack.
import WebSocket from 'ws';

export interface LeanClient {
  /** Emits an event with an ack and resolves with the ack's first argument, parsed. */
  ask(event: string, payload: unknown, timeoutMs?: number): Promise<unknown>;
  /** Sends one raw Engine.IO packet, e.g. '43' + id + '[]' to ack the server's event `id`. */
  send(packet: string): void;
  close(): void;
}

/** Resolves once the server accepted the Socket.IO connection; `onPacket` sees every later packet. */
export function connectLean(
  port: number,
  auth: object,
  onPacket: (packet: Buffer, client: LeanClient) => void,
  timeoutMs = 20_000,
): Promise<LeanClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  const waiting = new Map<number, (answer: unknown) => void>();
  let nextId = 1;
  const client: LeanClient = {
    ask(event, payload, askTimeoutMs = 60_000) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack to ${event} within ${askTimeoutMs} ms`)), askTimeoutMs);
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        ws.send(`42${id}${JSON.stringify([event, payload])}`);
      });
    },
    send: (packet) => ws.send(packet),
    close: () => ws.terminate(),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`a lean client did not connect to port ${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on('message', (data: Buffer) => {
      const type = data[0];
      if (type === 0x32 /* "2" ping */) return ws.send('3');
      if (type === 0x30 /* "0" open */) return ws.send(`40${JSON.stringify(auth)}`);
      if (type !== 0x34 /* "4" message */) return;
      const kind = data[1];
      if (kind === 0x32 /* "42" event */) return onPacket(data, client);
      if (kind === 0x33 /* "43" ack */) {
        const text = data.toString();
        const bracket = text.indexOf('[');
        const id = Number(text.slice(2, bracket));
        const settle = waiting.get(id);
        waiting.delete(id);
        settle?.((JSON.parse(text.slice(bracket)) as unknown[])[0]);
        return;
      }
      if (kind === 0x30 /* "40" connected */) {
        clearTimeout(timer);
        ws.on('error', () => {});
        return resolve(client);
      }
      if (kind === 0x34 /* "44" refused */) {
        clearTimeout(timer);
        ws.terminate();
        reject(new Error(`the server refused a lean client: ${data.toString()}`));
      }
    });
  });
}
