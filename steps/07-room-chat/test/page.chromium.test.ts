// The same page in real headless Chromium: two users, each in a page of their own, chat in one room.
import { useChromium } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uniqueName, useRoomChat } from './helpers.ts';

const { lab } = useRoomChat();
const chromium = useChromium();

/** Opens the page (a browser context of its own, so its own localStorage) and logs in. */
async function openAs(username: string): Promise<Page> {
  const page = await chromium.newPage(lab.url);
  await page.fill('#username', username);
  await page.click('#login button');
  await page.locator('#lobby').waitFor();
  return page;
}

describe('lab 07 page in Chromium', () => {
  it('once signed in, the login form is hidden, after a reload too', async () => {
    const page = await openAs('gil');
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden in the lobby').toBe(false);
    await page.reload(); // the username is remembered: straight to the lobby
    await page.locator('#lobby').waitFor();
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden after a reload').toBe(false);
  });

  it('two users in two pages chat in one room', async () => {
    const ana = await openAs('ana');
    const ben = await openAs('ben');
    const name = uniqueName('Garden');

    await ana.fill('#room-name', name);
    await ana.click('#create button');
    await ana.locator('#rooms li', { hasText: name }).getByRole('button', { name: 'join' }).click();
    await ana.locator('#room').waitFor();
    // ben's lobby heard rooms:changed: the room is there without a reload.
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
    expect(await ana.locator('#close').isVisible()).toBe(true);
    expect(await ben.locator('#close').isVisible()).toBe(false);
  });
});
