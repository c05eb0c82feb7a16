// The same page in real headless Chromium: two users, each on a page from a different node, chat.
import { startLabProcess, type LabProcess } from '@labs/shared';
import { askOk, useChromium, shows } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/events.ts';
import { client, uniqueName, useLabNodes, useRedis } from './helpers.ts';

const redis = useRedis();
const [nodeA, nodeB] = useLabNodes(redis, 2);
const chromium = useChromium();

/** Opens the page on `url` (a browser context of its own) and logs in. */
async function openAs(url: string, username: string) {
  const page: Page = await chromium.newPage(url);
  await page.fill('#username', username);
  await page.click('#login button');
  await shows(page.locator('#lobby'), 'the lobby');
  return page;
}

describe('lab 10 page in Chromium', () => {
  it('once signed in, the login form is hidden, after a reload too', async () => {
    const page = await openAs(nodeA.url, 'gil');
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden in the lobby').toBe(false);
    await page.reload(); // the username is remembered: straight to the lobby
    await shows(page.locator('#lobby'), 'the lobby');
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden after a reload').toBe(false);
  });

  it('two pages on two nodes chat in one room', async () => {
    const ana = await openAs(nodeA.url, 'ana');
    const ben = await openAs(nodeB.url, 'ben');
    const name = uniqueName('Garden');

    await ana.fill('#room-name', name);
    await ana.click('#create button');
    await ana.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
    await shows(ana.locator('#room'), 'the room view');
    // ben's lobby, on the other node, heard rooms:changed through Redis.
    await ben.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
    await shows(ben.locator('#room'), 'the room view');
    await shows(ana.locator('#online', { hasText: '2 online' }), '"2 online"');

    await ana.fill('#text', 'hi ben');
    await ana.click('#composer button');
    await shows(ben.locator('#messages li', { hasText: 'ana: hi ben' }), 'the message "ana: hi ben"');
    await ben.fill('#text', 'hello ana');
    await ben.click('#composer button');
    await shows(ana.locator('#messages li', { hasText: 'ben: hello ana' }), 'the message "ben: hello ana"');

    expect(await ana.locator('#messages li').allTextContents()).toEqual(['ana: hi ben', 'ben: hello ana']);
    expect(await ben.locator('#messages li').allTextContents()).toEqual(['ana: hi ben', 'ben: hello ana']);
    expect(await ana.locator('#node').textContent()).toContain(`on port ${nodeA.port}.`);
    expect(await ben.locator('#node').textContent()).toContain(`on port ${nodeB.port}.`);
  });

  it('a message sent while its node restarts shows once in both tabs and once in the history', async () => {
    // A real node process (npm run lab), stopped and started again on the same port and Redis.
    const env = { REDIS_URL: redis.url };
    const labDir = new URL('..', import.meta.url);
    let node: LabProcess = await startLabProcess({ labDir, env });
    try {
      const ana = await openAs(node.url, 'ana');
      const ben = await openAs(nodeB.url, 'ben');
      const name = uniqueName('Lighthouse');
      await ana.fill('#room-name', name);
      await ana.click('#create button');
      for (const page of [ana, ben]) {
        await page.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
        await shows(page.locator('#room'), 'the room view');
      }
      await shows(ana.locator('#online', { hasText: '2 online' }), '"2 online"');

      await node.stop();
      await shows(ana.locator('#status', { hasText: 'reconnecting…' }), '"reconnecting…"');
      await ana.fill('#text', 'typed while my node was down');
      await ana.click('#composer button');
      node = await startLabProcess({ labDir, env: { ...env, PORT: new URL(node.url).port } });

      const mine = 'ana: typed while my node was down';
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

      const cat = await client(node, 'cat');
      const roomId = Number(await ana.locator('#rooms li', { hasText: name }).getAttribute('data-room-id'));
      const { history } = await askOk(cat, 'room:join', { roomId });
      expect(history.map((message: Message) => `${message.author}: ${message.text}`)).toEqual([mine, 'ben: got it']);
    } finally {
      await node.stop();
    }
  }, 60_000);

  it('the page talks to its node over one websocket and never long-polls', async () => {
    const page = await chromium.browser.newPage();
    page.setDefaultTimeout(6000);
    const polls: string[] = [];
    const websockets: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('transport=polling')) polls.push(request.url());
    });
    page.on('websocket', (socket) => websockets.push(socket.url()));
    await page.goto(nodeA.url);
    await page.fill('#username', 'wes');
    await page.click('#login button');
    await shows(page.locator('#status', { hasText: 'Connected as wes.' }), '"Connected as wes."');

    expect(polls).toEqual([]);
    expect(websockets).toHaveLength(1);
    expect(websockets[0]).toMatch(new RegExp(`^ws://localhost:${nodeA.port}/socket\\.io/\\?EIO=4&transport=websocket`));
    await page.close();
  });
});
