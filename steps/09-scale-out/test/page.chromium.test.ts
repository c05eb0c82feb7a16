// Lab 07's page on two nodes, in real headless Chromium: each user on a node of their own, and one
// node restarted while its user types. The page's outbox (lab 07) must hold across nodes too.
import { startLabProcess, type LabProcess } from '@labs/shared';
import { askOk, shows, useChromium, useTempDir } from '@labs/shared/testing';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/events.ts';
import { client, labDir, uniqueName, useRedis } from './helpers.ts';

const redis = useRedis();
const chromium = useChromium();
const tmp = useTempDir('lab09-page-');

/** Opens the page on a node (a browser context of its own, so its own localStorage) and logs in. */
async function openAs(username: string, url: string): Promise<Page> {
  const page = await chromium.newPage(url);
  await page.fill('#username', username);
  await page.click('#login button');
  await shows(page.locator('#lobby'), `${username}'s lobby`);
  return page;
}

describe('lab 09 page in Chromium, on two nodes', () => {
  it('a message sent while its node restarts shows once on both nodes and once in the history', async () => {
    const env = { REDIS_URL: redis.url, DB_FILE: join(tmp.path, 'room-chat.db') };
    const start = (port?: string) => startLabProcess({ labDir, env: port ? { ...env, PORT: port } : env, timeoutMs: 60_000 });
    let [nodeA, nodeB]: LabProcess[] = await Promise.all([start(), start()]);
    try {
      const ana = await openAs('ana', nodeA!.url);
      const ben = await openAs('ben', nodeB!.url);
      expect(await ana.locator('#login').isVisible(), 'the login form to be hidden once signed in').toBe(false);
      const name = uniqueName('Harbour');
      await ana.fill('#room-name', name);
      await ana.click('#create button');
      for (const page of [ana, ben]) {
        await page.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
        await shows(page.locator('#room'), 'the room view');
      }
      await shows(ana.locator('#online', { hasText: '2 online' }), '"2 online", counted across both nodes');

      await nodeA!.stop();
      await shows(ana.locator('#status', { hasText: 'reconnecting…' }), '"reconnecting…" on ana\'s page');
      await ana.fill('#text', 'typed while node A was down');
      await ana.click('#composer button');
      nodeA = await start(new URL(nodeA!.url).port);

      const mine = 'ana: typed while node A was down';
      await shows(ben.locator('#messages li', { hasText: mine }), `the message "${mine}" on node B's page`);
      await shows(ana.locator('#messages li', { hasText: mine }), `the message "${mine}" on node A's page`);
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

      const cat = await client(nodeB!, 'cat');
      const roomId = Number(await ana.locator('#rooms li', { hasText: name }).getAttribute('data-room-id'));
      const { history } = await askOk(cat, 'room:join', { roomId });
      expect(history.map((message: Message) => `${message.author}: ${message.text}`)).toEqual([mine, 'ben: got it']);
    } finally {
      await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    }
  }, 90_000);
});
