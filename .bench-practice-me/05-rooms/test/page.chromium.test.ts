// The page in real headless Chromium: the post's left/right experiment, by clicking.
import { quiet, shows, useChromium, useLab } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

const log = (page: Page, side: 'left' | 'right') => page.locator(`#${side} .log li`);

describe('lab 05 page in Chromium', () => {
  it('the post test: join on the left shows has entered only on the left, join on the right shows it on both sides', async () => {
    const page = await chromium.newPage(lab.url);
    await shows(page.locator('#left .sid', { hasText: 'sid ' }), 'the left panel connected');
    await shows(page.locator('#right .sid', { hasText: 'sid ' }), 'the right panel connected');
    await page.fill('#left .username', 'Lia');
    await page.fill('#left .room', 'post');
    await page.fill('#right .username', 'Rob');
    await page.fill('#right .room', 'post');

    await page.click('#left .join');
    await shows(log(page, 'left').first(), 'a line in the left panel', { before: quiet });
    expect(await log(page, 'left').allTextContents()).toEqual(['Lia has entered the room.']);

    await page.click('#right .join');
    await shows(log(page, 'left').nth(1), 'a second line in the left panel', { before: quiet });
    await shows(log(page, 'right').first(), 'a line in the right panel', { before: quiet });
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
      await shows(page.locator('#left .sid', { hasText: 'sid ' }), `the left panel of ${name} connected`);
      await page.fill('#left .username', name);
      await page.fill('#left .room', 'tabs');
      await page.click('#left .join');
      await shows(
        page.locator('#left .log li', { hasText: `${name} has entered the room.` }),
        `"${name} has entered the room."`,
        { before: quiet },
      );
    }
    await first.fill('#left .text', 'hello from tab one');
    await first.click('#left .send');
    const line = second.locator('#left .log li', { hasText: 'hello from tab one' });
    await shows(line, 'the line "Tab1 (tabs): hello from tab one" in the other tab', { before: quiet });
    expect(await line.textContent()).toBe('Tab1 (tabs): hello from tab one');
  });
});
