// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { startLab } from '@labs/shared';
import {
  askOk,
  EXPECT_WITHIN_MS,
  eventually,
  nextConnection,
  nextHandshake,
  openPage,
  quiet,
  textsOf,
  waitFor,
} from '@labs/shared/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attach, roomName } from '../src/server.ts';
import { openStore } from '../src/store.ts';
import { labDir, login, uniqueName, useRoomChat } from './helpers.ts';

const { lab, tmp } = useRoomChat();

/** Opens the page and logs in through its form, as a learner does; resolves in the lobby. */
async function openAs(username: string, url = lab.url) {
  const dom = await openPage(url);
  const { document } = dom.window;
  // The page connects when the form is sent; once the server has that socket, quiet() sees the page.
  const watched = url === lab.url;
  const connected = watched ? nextConnection(lab.io) : undefined;
  document.querySelector<HTMLInputElement>('#username')!.value = username;
  document.querySelector<HTMLButtonElement>('#login button')!.click();
  await connected;
  await eventually(
    () => !document.querySelector<HTMLElement>('#lobby')!.hidden,
    'the lobby',
    watched ? { before: quiet } : undefined,
  );
  return dom;
}

/** The lobby's entry for a room, once it shows. */
const roomItem = (document: Document, roomId: number, options: { before?: typeof quiet } = { before: quiet }) =>
  eventually(
    () => document.querySelector<HTMLLIElement>(`#rooms li[data-room-id="${roomId}"]`),
    `room ${roomId} in the lobby`,
    options,
  );

const visible = (document: Document, selector: string) => !document.querySelector<HTMLElement>(selector)!.hidden;

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

describe('lab 07 page in jsdom', () => {
  it('the page asks for a username, keeps it in localStorage and shows the lobby', async () => {
    const dom = await openPage(lab.url);
    const { document, localStorage } = dom.window;
    expect(visible(document, '#login')).toBe(true);
    expect(visible(document, '#lobby')).toBe(false);

    document.querySelector<HTMLInputElement>('#username')!.value = 'pat';
    const connected = nextConnection(lab.io);
    document.querySelector<HTMLButtonElement>('#login button')!.click();
    await connected;

    await eventually(() => visible(document, '#lobby'), 'the lobby', { before: quiet });
    expect(visible(document, '#login')).toBe(false);
    expect(localStorage.getItem('room-chat:username')).toBe('pat');
    await eventually(() => document.querySelector('#status')!.textContent === 'Connected as pat.', 'the status line', {
      before: quiet,
    });
  });

  it('an invalid username is refused with the server message and the login form again', async () => {
    const dom = await openPage(lab.url);
    const { document, localStorage } = dom.window;
    document.querySelector<HTMLInputElement>('#username')!.value = 'no spaces allowed';
    const handshake = nextHandshake(lab.io);
    document.querySelector<HTMLButtonElement>('#login button')!.click();
    await handshake;
    await eventually(() => /username/i.test(document.querySelector('#error')!.textContent ?? ''), 'the error', {
      before: quiet,
    });
    expect(visible(document, '#login')).toBe(true);
    expect(localStorage.getItem('room-chat:username')).toBeNull();
  });

  it('signing in again leaves the page one connected socket, and the online count stays right', async () => {
    const alice = await login(lab.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Porch') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    const { window } = await openAs('dan');
    const { document } = window;
    (await roomItem(document, room.id)).querySelector('button')!.click();
    await eventually(() => document.querySelector('#online')!.textContent === '2 online', 'dan in the room with alice');

    // The form is hidden once signed in, but a second sign-in must still not add a second socket.
    document.querySelector<HTMLInputElement>('#username')!.value = 'fay';
    document.querySelector<HTMLButtonElement>('#login button')!.click();
    const pageSockets = () =>
      [...lab.io.sockets.sockets.values()]
        .map((socket) => socket.data.username)
        .filter((name) => name === 'dan' || name === 'fay');
    await eventually(
      () => pageSockets().join() === 'fay',
      () => `the page's sockets on the server to be fay's alone, but they are: ${pageSockets().join(', ')}`,
    );
    await eventually(() => document.querySelector('#status')!.textContent === 'Connected as fay.', 'the status as fay');
    // The page joins its room again as fay: the room holds alice and fay, and the page counts 2.
    const members = async () =>
      (await lab.io.in(roomName(room.id)).fetchSockets())
        .map((socket) => socket.data.username)
        .sort()
        .join(', ');
    await settlesTo(members, 'alice, fay', 'the members of the room');
    await eventually(() => document.querySelector('#online')!.textContent === '2 online', 'the page to show 2 online');

    await askOk(alice, 'message:send', { roomId: room.id, text: 'one copy' });
    const messages = document.querySelector('#messages')!;
    await eventually(() => textsOf(messages, 'li').includes('alice: one copy'), 'alice’s message');
    // The barrier: the page has one socket now, and fay's own message comes after alice's on it.
    document.querySelector<HTMLInputElement>('#text')!.value = 'hi';
    document.querySelector<HTMLButtonElement>('#composer button')!.click();
    await eventually(() => textsOf(messages, 'li').includes('fay: hi'), 'fay’s own message');
    expect(textsOf(messages, 'li').filter((text) => text === 'alice: one copy')).toHaveLength(1);
  });

  it('the lobby lists rooms with online counts, and its form creates a room', async () => {
    const alice = await login(lab.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Terrace') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    const { window } = await openAs('pat');
    const { document } = window;

    const item = await roomItem(document, room.id);
    expect(item.querySelector('.name')!.textContent).toBe(room.name);
    expect(item.querySelector('.online')!.textContent).toBe('1 online');

    const name = uniqueName('Made in the page');
    const changed = waitFor(alice, 'rooms:changed', { before: quiet });
    document.querySelector<HTMLInputElement>('#room-name')!.value = name;
    document.querySelector<HTMLButtonElement>('#create button')!.click();
    await changed;
    await eventually(() => textsOf(document, '#rooms .name').includes(name), 'the new room in the lobby', { before: quiet });
  });

  it('in a room the page shows the history, then live messages and the online count', async () => {
    const alice = await login(lab.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Veranda') })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    for (const text of ['first', 'second']) await askOk(alice, 'message:send', { roomId: room.id, text });
    const { window } = await openAs('pat');
    const { document } = window;
    const messages = document.querySelector('#messages')!;

    (await roomItem(document, room.id)).querySelector('button')!.click();
    await eventually(() => visible(document, '#room'), 'the room view', { before: quiet });
    expect(document.querySelector('#room-title')!.textContent).toBe(room.name);
    expect(textsOf(messages, 'li')).toEqual(['alice: first', 'alice: second']);
    expect(document.querySelector('#online')!.textContent).toBe('2 online');
    expect(visible(document, '#close')).toBe(false); // pat is not the owner

    await askOk(alice, 'message:send', { roomId: room.id, text: 'third' });
    await eventually(() => messages.children.length === 3, 'the live message', { before: quiet });
    const aliceGets = waitFor(alice, 'message:new', { before: quiet });
    document.querySelector<HTMLInputElement>('#text')!.value = 'hi alice';
    document.querySelector<HTMLButtonElement>('#composer button')!.click();
    expect(await aliceGets).toMatchObject({ author: 'pat', text: 'hi alice' });
    await eventually(() => messages.children.length === 4, 'the own message', { before: quiet });
    expect(textsOf(messages, 'li')).toEqual(['alice: first', 'alice: second', 'alice: third', 'pat: hi alice']);

    await askOk(alice, 'room:leave', { roomId: room.id });
    await eventually(() => document.querySelector('#online')!.textContent === '1 online', 'the online count after alice left', {
      before: quiet,
    });
  });

  it('the owner sees the close button, and closing sends every member back to the lobby', async () => {
    const bob = await login(lab.url, 'bob');
    const { window } = await openAs('olive');
    const { document } = window;
    const name = uniqueName('Olive’s room');
    document.querySelector<HTMLInputElement>('#room-name')!.value = name;
    document.querySelector<HTMLButtonElement>('#create button')!.click();
    const item = await eventually(
      () => [...document.querySelectorAll('#rooms li')].find((li) => li.querySelector('.name')!.textContent === name),
      'the new room',
      { before: quiet },
    );
    item.querySelector('button')!.click();
    await eventually(() => visible(document, '#room'), 'the room view', { before: quiet });
    expect(visible(document, '#close')).toBe(true);

    const roomId = Number((item as HTMLElement).dataset.roomId);
    await askOk(bob, 'room:join', { roomId });
    const bobClosed = waitFor(bob, 'room:closed', { before: quiet });
    document.querySelector<HTMLButtonElement>('#close')!.click();
    expect(await bobClosed).toEqual({ roomId });
    await eventually(() => visible(document, '#lobby'), 'the lobby after closing', { before: quiet });
    expect(document.querySelector(`#rooms li[data-room-id="${roomId}"]`)).toBeNull();
  });

  it('a room name and a message containing HTML render as text', async () => {
    const alice = await login(lab.url, 'alice');
    const name = uniqueName('<img src=x onerror=alert(1)>');
    const room = (await askOk(alice, 'room:create', { name })).room;
    await askOk(alice, 'room:join', { roomId: room.id });
    const { window } = await openAs('pat');
    const { document } = window;

    const item = await roomItem(document, room.id);
    expect(item.querySelector('.name')!.textContent).toBe(name);
    item.querySelector('button')!.click();
    await eventually(() => visible(document, '#room'), 'the room view', { before: quiet });
    await askOk(alice, 'message:send', { roomId: room.id, text: '<b>bold</b><script>alert(2)</script>' });
    const messages = document.querySelector('#messages')!;
    await eventually(() => messages.children.length === 1, 'the message', { before: quiet });

    expect(document.querySelector('#room-title')!.textContent).toBe(name);
    expect(textsOf(messages, 'li')).toEqual(['alice: <b>bold</b><script>alert(2)</script>']);
    expect(document.querySelectorAll('#rooms img, #room img, #messages b, #messages script')).toHaveLength(0);
  });

  it('a page whose room was closed while it was offline goes back to the lobby when it reconnects', async () => {
    // A server of its own, so that it can stop and start again on the same port and file.
    const file = join(tmp.path, 'offline.db');
    const start = (port: number) => startLab({ labDir, attach: (io) => attach(io, { dbFile: file }), port });
    const first = await start(0);
    const alice = await login(first.url, 'alice');
    const room = (await askOk(alice, 'room:create', { name: uniqueName('Pier') })).room;
    const { window } = await openAs('pat', first.url);
    const { document } = window;
    (await roomItem(document, room.id, {})).querySelector('button')!.click();
    await eventually(() => visible(document, '#room'), 'the room view');

    await first.close(); // the page is offline now, and socket.io keeps trying to reconnect
    const store = openStore(file); // while it is away, the room is closed: gone from the database
    store.deleteRoom(room.id);
    store.close();
    const second = await start(first.port);
    try {
      // socket.io's first retry comes 0.5 to 1.5 s after the drop; the page then tries to join again.
      await eventually(() => visible(document, '#lobby'), 'the lobby after reconnecting', 5000);
      expect(document.querySelector('#error')!.textContent).toBe(`There is no room ${room.id}.`);
      expect(visible(document, '#room')).toBe(false);
      expect(document.querySelector('#status')!.textContent).toBe('Connected as pat.');
    } finally {
      await second.close();
    }
  });
});
