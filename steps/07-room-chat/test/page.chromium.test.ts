// The same page in real headless Chromium: two users, each in a page of their own, chat in one room.
import { nextConnection, quiet, shows, useChromium } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueName, useRoomChat } from './helpers.ts';

const { lab } = useRoomChat();
const chromium = useChromium();

/** Opens the page (a browser context of its own, so its own localStorage) and logs in. */
async function openAs(username: string): Promise<Page> {
  const page = await chromium.newPage(lab.url);
  await page.fill('#username', username);
  const connected = nextConnection(lab.io);
  await page.click('#login button');
  await connected;
  await shows(page.locator('#lobby'), 'the lobby', { before: quiet });
  return page;
}

describe('lab 07 page in Chromium', () => {
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
});
