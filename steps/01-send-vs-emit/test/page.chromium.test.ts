// The same page in real headless Chromium: two tabs, one seeing the other's message.
import { useChromium, useLab } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

describe('lab 01 page in Chromium', () => {
  it('two tabs: a message sent in one shows in the other', async () => {
    const first = await chromium.newPage(lab.url);
    const second = await chromium.newPage(lab.url);
    await second.locator('#log li').first().waitFor();

    await first.fill('#text', 'hello from tab one');
    await first.click('#send');

    const line = second.locator('#log li', { hasText: 'hello from tab one' });
    await line.waitFor();
    expect(await line.textContent()).toBe('unnamed (无名): hello from tab one');
  });
});
