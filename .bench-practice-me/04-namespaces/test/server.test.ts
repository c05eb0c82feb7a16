// Checkpoints through socket.io-client in node: which namespace each emit reaches.
// "Does not receive" is proven with a barrier: the ack of that same socket's own whoami, which
// socket.io delivers after anything the server sent that socket before.
import { type AnySocket, ask, connect, connectError, recordEvents, useLab, waitFor } from '@labs/shared/testing';
import { Manager } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** Two clients on "/" and two on "/ceshi", each recording everything it hears. */
async function fourClients() {
  const [root1, root2, ceshi1, ceshi2] = await Promise.all([
    connect(lab.url),
    connect(lab.url),
    connect(lab.url, { namespace: '/ceshi' }),
    connect(lab.url, { namespace: '/ceshi' }),
  ]);
  const all = [root1, root2, ceshi1, ceshi2];
  const heard = new Map(all.map((socket) => [socket, recordEvents(socket)]));
  /**
   * Every socket's whoami ack comes after anything sent to it before: then `heard` is complete.
   * Only once the trigger is done: wait for the sender's own ack first, or the others' whoami
   * could overtake a trigger still on its way over another connection.
   */
  const barrier = () => Promise.all(all.map((socket) => ask(socket, 'whoami')));
  return { root: [root1, root2], ceshi: [ceshi1, ceshi2], heard: (socket: AnySocket) => heard.get(socket), barrier };
}

/** Sockets made from one Manager, outside the kit's connect(): closed here. */
const managerSockets: AnySocket[] = [];
afterEach(() => {
  for (const socket of managerSockets.splice(0)) socket.disconnect();
});

/** A "/" socket and a "/ceshi" socket from one Manager, as io() and io('/ceshi') make in a page. */
async function oneManager() {
  const manager = new Manager(lab.url, { transports: ['websocket'], reconnection: false });
  const root = manager.socket('/');
  const ceshi = manager.socket('/ceshi');
  managerSockets.push(root, ceshi);
  await Promise.all([root, ceshi].map((socket) => (socket.connected ? undefined : waitFor(socket, 'connect'))));
  return { manager, root, ceshi };
}

describe('lab 04: namespaces', () => {
  it('whoami on / answers the sid, rooms holding the sid, and the namespace /', async () => {
    const socket = await connect(lab.url);
    expect(await ask(socket, 'whoami')).toEqual({ sid: socket.id, rooms: [socket.id], namespace: '/' });
  });

  it('whoami on /ceshi answers that socket sid, rooms and the namespace /ceshi', async () => {
    const socket = await connect(lab.url, { namespace: '/ceshi' });
    expect(await ask(socket, 'whoami')).toEqual({ sid: socket.id, rooms: [socket.id], namespace: '/ceshi' });
  });

  it('rule 1: an emit that names /ceshi reaches every /ceshi client, the sender included, and no / client', async () => {
    const { root, ceshi, heard, barrier } = await fourClients();
    // The sender's ack comes after both emits are done; then every socket's own barrier.
    await ask(ceshi[0]!, 'ceshi', 'hi');
    await barrier();
    for (const socket of ceshi) expect(heard(socket)).toContainEqual(['ceshi', 'message']);
    for (const socket of root) expect(heard(socket)).not.toContainEqual(['ceshi', 'message']);
  });

  it('rule 2: a server-level emit that names no namespace reaches every / client and no /ceshi client', async () => {
    const { root, ceshi, heard, barrier } = await fourClients();
    await ask(ceshi[1]!, 'ceshi', { any: 'payload' });
    await barrier();
    for (const socket of root) expect(heard(socket)).toContainEqual(['ceshi', 'no-namespace']);
    for (const socket of ceshi) expect(heard(socket)).not.toContainEqual(['ceshi', 'no-namespace']);
  });

  it('a ceshi on /ceshi makes exactly those two emits and nothing more', async () => {
    const { root, ceshi, heard, barrier } = await fourClients();
    await ask(ceshi[0]!, 'ceshi');
    await barrier();
    for (const socket of ceshi) expect(heard(socket)).toEqual([['ceshi', 'message']]);
    for (const socket of root) expect(heard(socket)).toEqual([['ceshi', 'no-namespace']]);
  });

  it('rule 3: socket.emit in a /ceshi handler reaches that /ceshi socket, not the / socket on the same connection', async () => {
    const { root, ceshi } = await oneManager();
    const rootHeard = recordEvents(root);
    const ceshiHeard = recordEvents(ceshi);
    expect(await ask(ceshi, 'echo', 'on ceshi')).toEqual({ ok: true });
    // One connection delivers in order: the / socket's own ack comes after anything sent before it.
    await ask(root, 'whoami');
    expect(ceshiHeard).toEqual([['echo', 'on ceshi']]);
    expect(rootHeard).toEqual([]);
  });

  it('a ceshi emitted on / reaches nobody', async () => {
    const { root, ceshi, heard, barrier } = await fourClients();
    // Nothing answers a ceshi on /, so the sender's next whoami is what shows it was handled.
    root[0]!.emit('ceshi', 'on the default namespace');
    await ask(root[0]!, 'whoami');
    await barrier();
    for (const socket of [...root, ...ceshi]) expect(heard(socket)).toEqual([]);
  });

  it('connecting to an unknown namespace gets a connect error saying it is invalid', async () => {
    const error = await connectError(lab.url, { namespace: '/nope' });
    expect(error.message).toBe('Invalid namespace');
  });

  it('one Manager multiplexes / and /ceshi over one engine.io connection with two different sids', async () => {
    const { manager, root, ceshi } = await oneManager();
    expect(root.io).toBe(manager);
    expect(ceshi.io).toBe(manager);
    expect(root.io.engine).toBe(ceshi.io.engine);
    expect(root.id).not.toBe(ceshi.id);
    // The server agrees: two sockets, two namespaces, one underlying connection.
    const [rootMe, ceshiMe] = await Promise.all([ask(root, 'whoami'), ask(ceshi, 'whoami')]);
    const serverRoot = lab.io.of('/').sockets.get(rootMe.sid)!;
    const serverCeshi = lab.io.of('/ceshi').sockets.get(ceshiMe.sid)!;
    expect(serverRoot.conn).toBe(serverCeshi.conn);
  });

  it('bad input is answered or ignored and the server keeps working', async () => {
    const ceshi = await connect(lab.url, { namespace: '/ceshi' });
    const heard = recordEvents(ceshi);
    ceshi.emit('whoami');
    ceshi.emit('whoami', 'not an ack');
    expect(await ask(ceshi, 'echo', '')).toMatchObject({ ok: false, error: expect.stringMatching(/non-empty string/) });
    expect(await ask(ceshi, 'echo', 'x'.repeat(2001))).toMatchObject({ ok: false });
    expect(await ask(ceshi, 'echo')).toMatchObject({ ok: false });
    // ceshi takes any payload, and answers an ack once both emits are done.
    expect(await ask(ceshi, 'ceshi', null)).toEqual({ ok: true });
    expect(await ask(ceshi, 'whoami')).toMatchObject({ namespace: '/ceshi' });
    expect(heard).toEqual([['ceshi', 'message']]);
  });
});
