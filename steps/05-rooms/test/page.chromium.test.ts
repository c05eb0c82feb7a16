// The page in real headless Chromium: the post's left/right experiment, by clicking.
import { useChromium, useLab } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

const log = (page: Page, side: 'left' | 'right') => page.locator(`#${side} .log li`);

describe('lab 05 page in Chromium', () => {
  it('the post test: join on the left shows has entered only on the left, join on the right shows it on both sides', async () => {
    const page = await chromium.newPage(lab.url);
    await page.locator('#left .sid', { hasText: 'sid ' }).waitFor();
    await page.locator('#right .sid', { hasText: 'sid ' }).waitFor();
    await page.fill('#left .username', 'Lia');
    await page.fill('#left .room', 'post');
    await page.fill('#right .username', 'Rob');
    await page.fill('#right .room', 'post');

    await page.click('#left .join');
    await log(page, 'left').first().waitFor();
    expect(await log(page, 'left').allTextContents()).toEqual(['Lia has entered the room.']);

    await page.click('#right .join');
    await log(page, 'left').nth(1).waitFor();
    await log(page, 'right').first().waitFor();
    expect(await log(page, 'left').allTextContents()).toEqual(['Lia has entered the room.', 'Rob has entered the room.']);
    // Had the left join reached the right panel, it would have arrived before Rob's own line.
    expect(await log(page, 'right').allTextContents()).toEqual(['Rob has entered the room.']);
  });

  it('two tabs in the same room: a message sent in one shows in the other', async () => {
    const first = await chromium.newPage(lab.url);
    const second = await chromium.newPage(lab.url);
    for (const [page, name] of [
      [first, 'Tab1'],
      [second, 'Tab2'],
    ] as const) {
      await page.fill('#left .username', name);
      await page.fill('#left .room', 'tabs');
      await page.click('#left .join');
      await page.locator('#left .log li', { hasText: `${name} has entered the room.` }).waitFor();
    }
    await first.fill('#left .text', 'hello from tab one');
    await first.click('#left .send');
    const line = second.locator('#left .log li', { hasText: 'hello from tab one' });
    await line.waitFor();
    expect(await line.textContent()).toBe('Tab1 (tabs): hello from tab one');
  });
});
