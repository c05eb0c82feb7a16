// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { ask, askOk, connect, eventually, nextConnection, openPage, quiet, textsOf, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

const isSid = (text: string | null | undefined) => !!text && lab.io.of('/').sockets.has(text);

/** The page, once connected, with the few things a test touches. */
async function page() {
  const connected = nextConnection(lab.io);
  const { window } = await openPage(lab.url);
  await connected;
  const { document } = window;
  const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
  const sid = () => $('#sid').textContent ?? '';
  await eventually(() => isSid(sid()), 'the page to show a sid the server knows', { before: quiet });
  return {
    document,
    sid,
    users: () => textsOf(document, '#users li'),
    log: () => textsOf(document, '#log li'),
    me: () => $('#me').textContent ?? '',
    error: () => $('#error').textContent ?? '',
    async register(username: string) {
      $<HTMLInputElement>('#username').value = username;
      $<HTMLButtonElement>('#register button').click();
      await eventually(
        () => $('#me').textContent === `registered as ${username} on sid ${sid()}`,
        `${username} to be registered`,
        { before: quiet },
      );
    },
    send(to: string, text: string) {
      $<HTMLInputElement>('#to').value = to;
      $<HTMLInputElement>('#text').value = text;
      $<HTMLButtonElement>('#send').click();
    },
    reconnect: () => $<HTMLButtonElement>('#reconnect').click(),
  };
}

describe('lab 06 page in jsdom', () => {
  it('the page shows its own sid, the one the server knows it by', async () => {
    const tab = await page();
    expect(lab.io.of('/').sockets.get(tab.sid())!.id).toBe(tab.sid());
  });

  it('the reconnect button gives the page a new sid, and the server forgets the old one', async () => {
    const tab = await page();
    const oldSid = tab.sid();
    const reconnected = nextConnection(lab.io);
    tab.reconnect();
    await reconnected;
    await eventually(() => tab.sid() !== oldSid && isSid(tab.sid()), 'a new sid on the page', { before: quiet });
    await eventually(() => !lab.io.of('/').sockets.has(oldSid), 'the server to forget the old sid');
  });

  it('a registered page lists who is online and shows a direct message sent to it', async () => {
    const tab = await page();
    await tab.register('pia-1');
    const bob = await connect(lab.url);
    const list = waitFor(bob, 'users', { before: quiet });
    await askOk(bob, 'register', { username: 'pete-1' });
    expect(await list).toEqual(['pete-1', 'pia-1']);
    await eventually(() => tab.users().length === 2, 'two names online', { before: quiet });
    expect(tab.users()).toEqual(['pete-1', 'pia-1']);
    expect(await ask(bob, 'direct', { to: 'pia-1', text: 'hello page' })).toEqual({ ok: true });
    await eventually(() => tab.log().length === 1, 'the direct message', { before: quiet });
    expect(tab.log()).toEqual(['pete-1: hello page']);
  });

  it('after the reconnect button the page registers again, so direct messages still reach it', async () => {
    const tab = await page();
    await tab.register('pia-2');
    const oldSid = tab.sid();
    const reconnected = nextConnection(lab.io);
    tab.reconnect();
    await reconnected;
    await eventually(() => tab.sid() !== oldSid && isSid(tab.sid()), 'a new sid on the page', { before: quiet });
    await eventually(() => tab.me() === `registered as pia-2 on sid ${tab.sid()}`, 'the page to register again', {
      before: quiet,
    });
    const bob = await connect(lab.url);
    await askOk(bob, 'register', { username: 'pete-2' });
    expect(await ask(bob, 'direct', { to: 'pia-2', text: 'found you' })).toEqual({ ok: true });
    await eventually(() => tab.log().length === 1, 'the direct message', { before: quiet });
    expect(tab.log()).toEqual(['pete-2: found you']);
  });

  it('sending before registering shows the server error on the page', async () => {
    const tab = await page();
    tab.send('anyone', 'hello');
    await eventually(() => tab.error(), 'an error line', { before: quiet });
    expect(tab.error()).toBe('Register a username on this connection before sending direct messages.');
  });

  it('a direct message containing HTML is shown as text, not as an element', async () => {
    const tab = await page();
    await tab.register('pia-3');
    const attacker = await connect(lab.url);
    await askOk(attacker, 'register', { username: '<b>evil</b>' });
    await askOk(attacker, 'direct', { to: 'pia-3', text: '<img src=x onerror=alert(1)>' });
    await eventually(() => tab.log().length === 1, 'the direct message', { before: quiet });
    expect(tab.log()).toEqual(['<b>evil</b>: <img src=x onerror=alert(1)>']);
    expect(tab.document.querySelector('#log img, #log b, #users b')).toBeNull();
  });
});
