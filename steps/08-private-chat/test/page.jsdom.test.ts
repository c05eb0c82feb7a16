// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import {
  askOk,
  eventually,
  expectSilence,
  nextConnection,
  openPage,
  quiet,
  textsOf,
  useLab,
  useTempDir,
  waitFor,
} from '@labs/shared/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/events.ts';
import { attach, userRoom, type LabServer } from '../src/server.ts';
import { comeBack, newName, roundTrip, signIn, signUp, type SignedIn } from './helpers.ts';

const tmp = useTempDir('lab08-jsdom-');
const lab = useLab({
  labDir: new URL('..', import.meta.url),
  attach: (io: LabServer) => attach(io, { dbFile: join(tmp.path, 'chat.db') }),
});

/** Opens the page and signs in with a new name through its form, as a learner would. */
async function pageSignedIn(base: string) {
  const { window } = await openPage(lab.url);
  const { document } = window;
  const name = newName(base);
  await eventually(() => !document.querySelector<HTMLFormElement>('#login')!.hidden, 'the sign-in form');
  document.querySelector<HTMLInputElement>('#username')!.value = name;
  // quiet() cannot see a page that is still connecting: wait for its socket, then for the page.
  const connected = nextConnection(lab.io);
  document.querySelector<HTMLButtonElement>('#sign-in')!.click();
  await connected;
  await eventually(() => document.querySelector('#me')!.textContent === `Signed in as ${name}`, `"Signed in as ${name}"`, {
    before: quiet,
  });
  const sessionId = window.localStorage.getItem('lab08.sessionId')!;
  return { window, document, name, sessionId };
}

/** Clicks a user in the list, and waits until the conversation's history is in. */
async function openChat(document: Document, peer: SignedIn) {
  const button = await eventually(
    () => document.querySelector<HTMLButtonElement>(`#users li[data-user-id="${peer.session.userId}"] button`),
    `${peer.session.username} in the user list`,
    { before: quiet },
  );
  button.click();
  await eventually(() => document.querySelector('#messages')!.getAttribute('aria-busy') === 'false', 'the history', {
    before: quiet,
  });
}

describe('lab 08 page in jsdom', () => {
  it('the page signs in with a name and keeps the session it is given', async () => {
    const page = await pageSignedIn('wendy');
    expect(page.sessionId).toMatch(/^[\w-]{43}$/);
    const sameUser = await signIn(lab.url, { sessionId: page.sessionId });
    expect(sameUser.session.username).toBe(page.name);
  });

  it("a taken name shows the server's reason on the page", async () => {
    const taken = await signUp(lab.url, 'xena');
    const { window } = await openPage(lab.url);
    const { document } = window;
    await eventually(() => !document.querySelector<HTMLFormElement>('#login')!.hidden, 'the sign-in form');
    document.querySelector<HTMLInputElement>('#username')!.value = taken.session.username;
    document.querySelector<HTMLButtonElement>('#sign-in')!.click();
    await eventually(() => document.querySelector('#login-error')!.textContent, 'an error under the form');
    expect(document.querySelector('#login-error')!.textContent).toBe(
      `The username "${taken.session.username}" is taken: pick another one.`,
    );
    expect(window.localStorage.getItem('lab08.sessionId')).toBeNull();
  });

  it('a message sent twice, as after a lost ack, is shown once', async () => {
    const yan = await signUp(lab.url, 'yan');
    const newcomer = waitFor(yan.socket, 'user:new');
    const page = await pageSignedIn('zoe');
    const zoe = { session: { ...(await newcomer), sessionId: page.sessionId } } as SignedIn;
    await openChat(page.document, yan);

    const first = (await askOk(yan.socket, 'dm:send', { to: zoe.session.userId, text: 'only once, please' })).message;
    // This simulates a resend. The real one comes on the page's next connection, when an ack was
    // lost; here the test emits the same message (same id) to the page's room straight away.
    lab.io
      .to(userRoom(zoe.session.userId))
      .timeout(1000)
      .emit('dm:new', first as Message, () => {});
    (await askOk(yan.socket, 'dm:send', { to: zoe.session.userId, text: 'and then this' })).message;
    const log = page.document.querySelector('#messages')!;
    await eventually(
      () => log.children.length >= 2 && textsOf(log, 'li').at(-1)!.endsWith('and then this'),
      'the second message',
      { before: quiet },
    );
    expect(textsOf(log, 'li')).toEqual([`${yan.session.username}: only once, please`, `${yan.session.username}: and then this`]);
  });

  it('a message for a closed chat shows as unread, and once acked it is not sent again', async () => {
    const abe = await signUp(lab.url, 'abe');
    const newcomer = waitFor(abe.socket, 'user:new');
    const page = await pageSignedIn('bea');
    const bea = { session: { ...(await newcomer), sessionId: page.sessionId } } as SignedIn;
    const unread = `#users li[data-user-id="${abe.session.userId}"] .unread`;
    await eventually(() => page.document.querySelector(unread), 'Abe in the list', { before: quiet });

    (await askOk(abe.socket, 'dm:send', { to: bea.session.userId, text: 'are you there?' })).message;
    await eventually(() => page.document.querySelector(unread)!.textContent === '1', 'one unread message from Abe', {
      before: quiet,
    });
    // Opening the chat asks for its history: that answer comes after the page's ack was taken.
    await openChat(page.document, abe);
    expect(textsOf(page.document, '#messages li')).toEqual([`${abe.session.username}: are you there?`]);

    page.window.close();
    const again = await comeBack(lab.url, bea.session);
    await expectSilence(again.socket, 'dm:new', () => roundTrip(again));
  });

  it('a message I sent from my other tab is not counted as unread', async () => {
    const cy = await signUp(lab.url, 'cy');
    const newcomer = waitFor(cy.socket, 'user:new');
    const page = await pageSignedIn('dee');
    const dee = { session: { ...(await newcomer), sessionId: page.sessionId } } as SignedIn;
    const otherTab = await comeBack(lab.url, dee.session);
    const unread = `#users li[data-user-id="${cy.session.userId}"] .unread`;
    await eventually(() => page.document.querySelector(unread), 'Cy in the list', { before: quiet });

    // The page gets a copy of what its other tab sent, then Cy's reply, then a newcomer's user:new:
    // in that order, on one connection (each leaves the server before the previous ack is even read).
    (await askOk(otherTab.socket, 'dm:send', { to: cy.session.userId, text: 'sent from my other tab' })).message;
    (await askOk(cy.socket, 'dm:send', { to: dee.session.userId, text: 'a reply' })).message;
    const later = await signUp(lab.url, 'later');
    await eventually(() => page.document.querySelector(`#users li[data-user-id="${later.session.userId}"]`), 'the newcomer', {
      before: quiet,
    });
    expect(page.document.querySelector(unread)!.textContent).toBe('1');
  });

  it('the status line shows a dropped connection, and the page reconnects as the same user', async () => {
    const page = await pageSignedIn('fia');
    const status = () => page.document.querySelector('#status')!.textContent;
    expect(status()).toBe(`Connected as ${page.name}.`);

    // Cut the page's connection under it, as a network blip would. (socket.disconnect() on the
    // server would tell the page not to come back.)
    const [server] = [...lab.io.sockets.sockets.values()].filter((socket) => socket.data.username === page.name);
    server!.conn.close();
    await eventually(() => status() === 'Disconnected, reconnecting…', 'the status after the drop');
    // socket.io retries 0.5 to 1.5 s later, with the stored session: no sign-in form.
    await eventually(() => status() === `Connected as ${page.name}.`, 'the status after reconnecting');
    expect(page.document.querySelector<HTMLFormElement>('#login')!.hidden).toBe(true);
    expect(page.window.localStorage.getItem('lab08.sessionId')).toBe(page.sessionId);
  });

  it('HTML in a message shows as text, not as an element', async () => {
    const mal = await signUp(lab.url, 'mal');
    const newcomer = waitFor(mal.socket, 'user:new');
    const page = await pageSignedIn('ned');
    const ned = { session: await newcomer } as SignedIn;
    await openChat(page.document, mal);

    (await askOk(mal.socket, 'dm:send', { to: ned.session.userId, text: '<img src=x onerror=alert(1)><b>bold</b>' })).message;
    const log = page.document.querySelector('#messages')!;
    await eventually(() => log.children.length === 1, 'the message', { before: quiet });
    expect(log.querySelector('img, b')).toBeNull();
    expect(textsOf(log, 'li')).toEqual([`${mal.session.username}: <img src=x onerror=alert(1)><b>bold</b>`]);
  });
});
