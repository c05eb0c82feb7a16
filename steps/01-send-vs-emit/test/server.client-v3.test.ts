// The post loads socket.io.js 3.1.3 from a CDN. Its npm twin, socket.io-client 3.1.3 (installed as
// socket.io-client-v3), talks to this socket.io 4 server: both speak Engine.IO protocol 4, and a
// v3 client asks for it with EIO=4 in its handshake. socket.io's "Client Installation" page has the table.
import { recordEvents, useLab, waitFor } from '@labs/shared/testing';
import { io as ioV3 } from 'socket.io-client-v3';
import { afterEach, describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

const clients: ReturnType<typeof ioV3>[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

describe("lab 01: the post's client version", () => {
  it('socket.io-client 3.1.3, as the post loads it, connects with EIO=4 and gets its message, then ceshi', async () => {
    const protocol = new Promise<number>((resolve) => lab.io.once('connection', (socket) => resolve(socket.conn.protocol)));
    // The post's page: io() with its default transports (long polling first, then the websocket upgrade).
    const client = ioV3(lab.url, { forceNew: true, reconnection: false });
    clients.push(client);
    // The kit's helpers are typed for the v4 client; the v3 one has the same on/once/onAny/off.
    const socket = client as unknown as Parameters<typeof recordEvents>[0];
    const heard = recordEvents(socket);
    await waitFor(socket, 'connect');
    expect(await protocol, 'the server to see Engine.IO protocol 4 from a 3.1.3 client').toBe(4);
    client.send('hello from 3.1.3');
    await waitFor(socket, 'ceshi');
    expect(heard).toEqual([
      ['message', 'hello from 3.1.3'],
      ['ceshi', '测试'],
    ]);
  });
});
