// Checkpoints on the real page, served by two nodes on one Redis and run in jsdom: what the learner sees.
import { askOk, EXPECT_WITHIN_MS, eventually, openPage, textsOf, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { roomName } from '../src/server.ts';
import type { Message, Room } from '../src/events.ts';
import { announcedLater, client, uniqueName, useLabNodes, useRedis } from './helpers.ts';

const redis = useRedis();
const [nodeA, nodeB] = useLabNodes(redis, 2);

/** Opens the page on `url` and logs in through its form, as a learner does; resolves in the lobby. */
async function openAs(url: string, username: string) {
  const dom = await openPage(url);
  const { document } = dom.window;
  document.querySelector<HTMLInputElement>('#username')!.value = username;
  document.querySelector<HTMLButtonElement>('#login button')!.click();
  await eventually(() => !document.querySelector<HTMLElement>('#lobby')!.hidden, 'the lobby');
  return dom;
}

/** The lobby's entry for a room, once it shows. */
const roomItem = (document: Document, roomId: number) =>
  eventually(() => document.querySelector<HTMLLIElement>(`#rooms li[data-room-id="${roomId}"]`), `room ${roomId} in the lobby`);

/** Reads `read` again and again until it returns `want`; else fails with what it read last. */
async function settlesTo(read: () => Promise<string>, want: string, what: string) {
  const deadline = Date.now() + EXPECT_WITHIN_MS;
  let last = await read();
  while (last !== want && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await read();
  }
  expect(last, what).toBe(want);
}

describe('lab 10 page in jsdom', () => {
  it('the page says which node it is on and links to the same page on the other node', async () => {
    const { window } = await openPage(nodeA.url);
    const { document } = window;
    await eventually(() => document.querySelector('#other-nodes a'), 'a link to the other node');
    expect(document.querySelector('#node')!.textContent).toMatch(
      new RegExp(`^This page talks to node \\w+ on port ${nodeA.port}\\.$`),
    );
    expect([...document.querySelectorAll<HTMLAnchorElement>('#other-nodes a')].map((a) => a.href)).toEqual([nodeB.url]);
  });

  it('signing in again leaves the page one connected socket, and the online count stays right', async () => {
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(bo, 'room:create', { name: uniqueName('Porch') });
    await askOk(bo, 'room:join', { roomId: room.id });
    const { window } = await openAs(nodeA.url, 'dan');
    const { document } = window;
    (await roomItem(document, room.id)).querySelector('button')!.click();
    await eventually(() => document.querySelector('#online')!.textContent === '2 online', 'dan in the room with bo');

    // The form is hidden once signed in, but a second sign-in must still not add a second socket.
    document.querySelector<HTMLInputElement>('#username')!.value = 'fay';
    document.querySelector<HTMLButtonElement>('#login button')!.click();
    const pageSockets = () =>
      [...nodeA.io.sockets.sockets.values()]
        .map((socket) => socket.data.username)
        .filter((name) => name === 'dan' || name === 'fay');
    await eventually(
      () => pageSockets().join() === 'fay',
      () => `the page's sockets on node A to be fay's alone, but they are: ${pageSockets().join(', ')}`,
    );
    await eventually(() => document.querySelector('#status')!.textContent === 'Connected as fay.', 'the status as fay');
    // The page joins its room again as fay: the room holds bo and fay, and counts 2, on every node.
    const members = async () =>
      (await nodeA.io.in(roomName(room.id)).fetchSockets())
        .map((socket) => socket.data.username)
        .sort()
        .join(', ');
    await settlesTo(members, 'bo, fay', 'the members of the room, on both nodes');
    await settlesTo(
      async () => String((await askOk(bo, 'room:list')).rooms.find((r: Room) => r.id === room.id)?.online),
      '2',
      "the room's online count, dan gone",
    );
    await eventually(() => document.querySelector('#online')!.textContent === '2 online', 'the page to show 2 online');
  });

  it('a page on node A shows the history and live messages written on node B', async () => {
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(bo, 'room:create', { name: uniqueName('Harbour') });
    await askOk(bo, 'room:join', { roomId: room.id });
    for (const text of ['first', 'second']) await askOk(bo, 'message:send', { roomId: room.id, text });
    const { window } = await openAs(nodeA.url, 'ana');
    const { document } = window;
    const messages = document.querySelector('#messages')!;

    expect((await roomItem(document, room.id)).querySelector('.online')!.textContent).toBe('1 online');
    (await roomItem(document, room.id)).querySelector('button')!.click();
    await eventually(() => !document.querySelector<HTMLElement>('#room')!.hidden, 'the room view');
    expect(textsOf(messages, 'li')).toEqual(['bo: first', 'bo: second']);
    expect(document.querySelector('#online')!.textContent).toBe('2 online');

    await askOk(bo, 'message:send', { roomId: room.id, text: 'third, from node B' });
    await eventually(() => messages.children.length === 3, 'the live message from node B');
    // The barrier for bo: once the page has its own message back, node A has relayed it; a room that
    // node A announces after that reaches bo after it (Redis keeps one publisher's order).
    const later = announcedLater(await client(nodeA, 'cy'), bo);
    const boGets = waitFor(bo, 'message:new', {
      where: (message: Message) => message.author === 'ana',
      before: later,
      who: 'bo',
      what: "the page's message",
    });
    document.querySelector<HTMLInputElement>('#text')!.value = 'hi from node A';
    document.querySelector<HTMLButtonElement>('#composer button')!.click();
    await eventually(() => messages.children.length === 4, 'the own message');
    await later.send();
    expect(await boGets).toMatchObject({ author: 'ana', text: 'hi from node A' });
    expect(textsOf(messages, 'li').slice(2)).toEqual(['bo: third, from node B', 'ana: hi from node A']);
  });

  it('a room name and a message containing HTML from another node render as text', async () => {
    const bo = await client(nodeB, 'bo');
    const name = uniqueName('<img src=x onerror=alert(1)>');
    const { room } = await askOk(bo, 'room:create', { name });
    await askOk(bo, 'room:join', { roomId: room.id });
    const { window } = await openAs(nodeA.url, 'ana');
    const { document } = window;

    const item = await roomItem(document, room.id);
    expect(item.querySelector('.name')!.textContent).toBe(name);
    item.querySelector('button')!.click();
    await eventually(() => !document.querySelector<HTMLElement>('#room')!.hidden, 'the room view');
    await askOk(bo, 'message:send', { roomId: room.id, text: '<b>bold</b><script>alert(2)</script>' });
    const messages = document.querySelector('#messages')!;
    await eventually(() => messages.children.length === 1, 'the message');

    expect(document.querySelector('#room-title')!.textContent).toBe(name);
    expect(textsOf(messages, 'li')).toEqual(['bo: <b>bold</b><script>alert(2)</script>']);
    expect(document.querySelectorAll('#rooms img, #room img, #messages b, #messages script')).toHaveLength(0);
  });

  it('a message that arrives both in the history and live is shown once', async () => {
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(bo, 'room:create', { name: uniqueName() });
    await askOk(bo, 'room:join', { roomId: room.id });
    const sent = await askOk(bo, 'message:send', { roomId: room.id, text: 'said while you joined' });
    const { window } = await openAs(nodeA.url, 'ana');
    const { document } = window;
    (await roomItem(document, room.id)).querySelector('button')!.click();
    const messages = document.querySelector('#messages')!;
    await eventually(() => messages.children.length === 1, 'the history');

    // What the race looks like from the page: the message, already in the history, comes again
    // as message:new from node B, through Redis. Then a new one, which must come after it.
    nodeB.io.to(roomName(room.id)).emit('message:new', sent.message);
    await askOk(bo, 'message:send', { roomId: room.id, text: 'and then this' });
    await eventually(() => textsOf(messages, 'li').includes('bo: and then this'), 'the next message');
    expect(textsOf(messages, 'li')).toEqual(['bo: said while you joined', 'bo: and then this']);
  });
});
