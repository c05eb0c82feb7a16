// The same page in real headless Chromium: two users, each on a page from a different node, chat.
import { useChromium } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueName, useLabNodes, useRedis } from './helpers.ts';

const redis = useRedis();
const [nodeA, nodeB] = useLabNodes(redis, 2);
const chromium = useChromium();

/** Opens the page on `url` (a browser context of its own) and logs in. */
async function openAs(url: string, username: string) {
  const page: Page = await chromium.newPage(url);
  await page.fill('#username', username);
  await page.click('#login button');
  await page.locator('#lobby').waitFor();
  return page;
}

describe('lab 10 page in Chromium', () => {
  it('two pages on two nodes chat in one room', async () => {
    const ana = await openAs(nodeA.url, 'ana');
    const ben = await openAs(nodeB.url, 'ben');
    const name = uniqueName('Garden');

    await ana.fill('#room-name', name);
    await ana.click('#create button');
    await ana.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
    await ana.locator('#room').waitFor();
    // ben's lobby, on the other node, heard rooms:changed through Redis.
    await ben.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
    await ben.locator('#room').waitFor();
    await ana.locator('#online', { hasText: '2 online' }).waitFor();

    await ana.fill('#text', 'hi ben');
    await ana.click('#composer button');
    await ben.locator('#messages li', { hasText: 'ana: hi ben' }).waitFor();
    await ben.fill('#text', 'hello ana');
    await ben.click('#composer button');
    await ana.locator('#messages li', { hasText: 'ben: hello ana' }).waitFor();

    expect(await ana.locator('#messages li').allTextContents()).toEqual(['ana: hi ben', 'ben: hello ana']);
    expect(await ben.locator('#messages li').allTextContents()).toEqual(['ana: hi ben', 'ben: hello ana']);
    expect(await ana.locator('#node').textContent()).toContain(`on port ${nodeA.port}.`);
    expect(await ben.locator('#node').textContent()).toContain(`on port ${nodeB.port}.`);
  });

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
    await page.locator('#status', { hasText: 'Connected as wes.' }).waitFor();

    expect(polls).toEqual([]);
    expect(websockets).toHaveLength(1);
    expect(websockets[0]).toMatch(new RegExp(`^ws://localhost:${nodeA.port}/socket\\.io/\\?EIO=4&transport=websocket`));
    await page.close();
  });
});
