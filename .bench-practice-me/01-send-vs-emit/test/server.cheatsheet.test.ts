// Rows of the cheat sheet (docs/cheatsheet.md) that lab 01 can check, so it does: the post's
// client version, where its page may come from, and the logs.
import { eventually, quiet, useLab, useLabProcess, waitFor } from '@labs/shared/testing';
import { io as ioV3 } from 'socket.io-client-v3';
import { io as ioClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

const clients: { disconnect(): unknown }[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

/** The server-side socket of the next connection, as the lab's own io sees it. */
const nextConnection = () =>
  new Promise<Parameters<Parameters<typeof lab.io.once<'connection'>>[1]>[0]>((resolve) => lab.io.once('connection', resolve));

describe("lab 01: the post's client version", () => {
  // The post loads socket.io.js 3.1.3 from a CDN. Its npm twin, socket.io-client 3.1.3 (installed as
  // socket.io-client-v3), talks to this socket.io 4 server: both speak Engine.IO protocol 4, and a
  // v3 client asks for it with EIO=4. socket.io's "Client Installation" page has the whole table.
  it('socket.io-client 3.1.3, as the post loads it, connects with EIO=4 and gets its message, then ceshi', async () => {
    const connection = nextConnection();
    // The post's page: io.connect(url), which is io(url), with its default transports (long polling first, then the websocket upgrade).
    const client = ioV3(lab.url, { forceNew: true, reconnection: false });
    clients.push(client);
    // The kit's helpers are typed for the v4 client; the v3 one has the same on/once/onAny/off.
    const socket = client as unknown as Parameters<typeof waitFor>[0];
    const heard: unknown[][] = [];
    socket.onAny((event: string, ...args: unknown[]) => heard.push([event, ...args]));
    await waitFor(socket, 'connect');
    expect((await connection).conn.protocol, 'the server to see Engine.IO protocol 4 from a 3.1.3 client').toBe(4);
    client.send('hello from 3.1.3');
    await waitFor(socket, 'ceshi', { before: quiet });
    expect(heard).toEqual([
      ['message', 'hello from 3.1.3'],
      ['ceshi', '测试'],
    ]);
  });
});

describe('lab 01: the client the server serves', () => {
  // The same-origin alternative to the post's CDN: socket.io serves its own client bundle (serveClient,
  // on by default), always the server's own version, at the address the post's CDN file stands in for.
  it('the server serves its own 4.x client at /socket.io/socket.io.js', async () => {
    const response = await fetch(`${lab.url}socket.io/socket.io.js`);
    expect(response.status, 'socket.io to serve its client bundle').toBe(200);
    expect((await response.text()).slice(0, 40)).toMatch(/Socket\.IO v4\.\d+\.\d+/);
  });
});

describe('lab 01: another origin, without cors', () => {
  // Flask-SocketIO refuses a mismatched Origin with 400 unless cors_allowed_origins allows it.
  // socket.io checks no Origin: it only adds CORS headers when given the cors option, and the
  // browser, not the server, then refuses to let another origin's page read the long-polling answers.
  const elsewhere = 'http://elsewhere.example';

  it('a long-polling handshake from another origin is answered, with no Access-Control-Allow-Origin header', async () => {
    const response = await fetch(`${lab.url}socket.io/?EIO=4&transport=polling`, { headers: { Origin: elsewhere } });
    expect(response.status, 'socket.io to answer the handshake whatever the Origin').toBe(200);
    expect(await response.text()).toMatch(/^0\{"sid":/);
    expect(response.headers.get('access-control-allow-origin'), 'no CORS header without the cors option').toBeNull();
  });

  it('a websocket from another origin connects: only allowRequest would refuse it', async () => {
    const connection = nextConnection();
    const client = ioClient(lab.url, {
      forceNew: true,
      reconnection: false,
      transports: ['websocket'],
      extraHeaders: { Origin: elsewhere },
    });
    clients.push(client);
    await waitFor(client, 'connect');
    expect((await connection).handshake.headers.origin, 'the server to have seen the other Origin').toBe(elsewhere);
  });
});

describe('lab 01: logs', () => {
  // Flask-SocketIO's logger=True and engineio_logger=True; socket.io logs through the debug package.
  const logged = useLabProcess({ labDir: new URL('..', import.meta.url), env: { DEBUG: 'socket.io*,engine*' } });

  it('DEBUG=socket.io*,engine* makes the server log each new connection to stderr', async () => {
    const client = ioClient(logged.url, { forceNew: true, reconnection: false, transports: ['websocket'] });
    clients.push(client);
    await waitFor(client, 'connect');
    const sid = client.id!;
    const engineId = (client.io.engine as unknown as { id: string }).id;
    const lines = () => logged.output().split('\n');
    // Start-up lines come with no client; these name this connection, in socket.io's and in engine.io's log.
    await eventually(
      () => lines().some((line) => / socket\.io:\S+ /.test(line) && line.includes(sid)),
      `a socket.io debug line naming the socket ${sid}`,
    );
    await eventually(
      () => lines().some((line) => / engine(:\S+)? /.test(line) && line.includes(engineId)),
      `an engine.io debug line naming the connection ${engineId}`,
    );
  });
});
