// The same page in real headless Chromium: two users, each in a page of their own, chat in one room.
import { startLabProcess, type LabProcess } from '@labs/shared';
import { askOk, nextConnection, quiet, shows, useChromium } from '@labs/shared/testing';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/events.ts';
import { labDir, login, uniqueName, useRoomChat } from './helpers.ts';

const { lab, tmp } = useRoomChat();
const chromium = useChromium();

/** Opens the page (a browser context of its own, so its own localStorage) and logs in. */
async function openAs(username: string, url = lab.url): Promise<Page> {
  const page = await chromium.newPage(url);
  await page.fill('#username', username);
  // quiet() sees only the in-process lab; a lab in its own process is waited for plainly.
  const inProcess = url === lab.url;
  const connected = inProcess ? nextConnection(lab.io) : undefined;
  await page.click('#login button');
  await connected;
  await shows(page.locator('#lobby'), 'the lobby', inProcess ? { before: quiet } : undefined);
  return page;
}

describe('lab 07 page in Chromium', () => {
  it('once signed in, the login form is hidden, after a reload too', async () => {
    const page = await openAs('gil');
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden in the lobby').toBe(false);
    await page.reload(); // the username is remembered: straight to the lobby
    await shows(page.locator('#lobby'), 'the lobby');
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden after a reload').toBe(false);
  });

  it('two users in two pages chat in one room', async () => {
    const ana = await openAs('ana');
    const ben = await openAs('ben');
    const name = uniqueName('Garden');

    await ana.fill('#room-name', name);
    await ana.click('#create button');
    const anaJoin = ana.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' });
    await shows(anaJoin, `the new room "${name}" in ana's lobby`, { before: quiet });
    await anaJoin.click();
    await shows(ana.locator('#room'), "the room view in ana's page", { before: quiet });
    // ben's lobby heard rooms:changed: the room is there without a reload.
    const benJoin = ben.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' });
    await shows(benJoin, `the new room "${name}" in ben's lobby, without a reload`, { before: quiet });
    await benJoin.click();
    await shows(ben.locator('#room'), "the room view in ben's page", { before: quiet });
    await shows(ana.locator('#online', { hasText: '2 online' }), '"2 online" in ana\'s room', { before: quiet });

    await ana.fill('#text', 'hi ben');
    await ana.click('#composer button');
    await shows(ben.locator('#messages li', { hasText: 'ana: hi ben' }), '"ana: hi ben" in ben\'s room', { before: quiet });
    await ben.fill('#text', 'hello ana');
    await ben.click('#composer button');
    await shows(ana.locator('#messages li', { hasText: 'ben: hello ana' }), '"ben: hello ana" in ana\'s room', { before: quiet });

    expect(await ana.locator('#messages li').allTextContents()).toEqual(['ana: hi ben', 'ben: hello ana']);
    expect(await ben.locator('#messages li').allTextContents()).toEqual(['ana: hi ben', 'ben: hello ana']);
    expect(await ana.locator('#close').isVisible()).toBe(true);
    expect(await ben.locator('#close').isVisible()).toBe(false);
  });

  it('a message sent while the server restarts shows once in both tabs and once in the history', async () => {
    // The real lab process (npm run lab), stopped and started again on the same port and database file.
    const env = { DB_FILE: join(tmp.path, 'restart.db') };
    let server: LabProcess = await startLabProcess({ labDir, env });
    try {
      const ana = await openAs('ana', server.url);
      const ben = await openAs('ben', server.url);
      const name = uniqueName('Lighthouse');
      await ana.fill('#room-name', name);
      await ana.click('#create button');
      for (const page of [ana, ben]) {
        await page.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
        await shows(page.locator('#room'), 'the room view');
      }
      await shows(ana.locator('#online', { hasText: '2 online' }), '"2 online"');

      await server.stop();
      await shows(ana.locator('#status', { hasText: 'reconnecting…' }), '"reconnecting…"');
      await ana.fill('#text', 'typed while the server was down');
      await ana.click('#composer button');
      server = await startLabProcess({ labDir, env: { ...env, PORT: new URL(server.url).port } });

      const mine = 'ana: typed while the server was down';
      await shows(ben.locator('#messages li', { hasText: mine }), `the message "${mine}"`);
      await shows(ana.locator('#messages li', { hasText: mine }), `the message "${mine}"`);
      // The barrier: ben's next message reaches each page after ana's, on the same connection.
      await ben.fill('#text', 'got it');
      await ben.click('#composer button');
      for (const page of [ana, ben]) {
        await shows(page.locator('#messages li', { hasText: 'ben: got it' }), 'the message "ben: got it"');
        expect(await page.locator('#messages li').allTextContents(), 'the message once, then ben’s answer').toEqual([
          mine,
          'ben: got it',
        ]);
      }
      expect(await ana.locator('#error').textContent(), 'no error on ana’s page').toBe('');
      expect(await ana.locator('#status').textContent()).toBe('Connected as ana.');

      const cat = await login(server.url, 'cat');
      const roomId = Number(await ana.locator('#rooms li', { hasText: name }).getAttribute('data-room-id'));
      const { history } = await askOk(cat, 'room:join', { roomId });
      expect(history.map((message: Message) => `${message.author}: ${message.text}`)).toEqual([mine, 'ben: got it']);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
