// The same page in real headless Chromium: two tabs, one seeing the other's message.
import { eventually, quiet, shows, useChromium, useLab } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

describe('lab 01 page in Chromium', () => {
  it('two tabs: a message sent in one shows in the other', async () => {
    const first = await chromium.newPage(lab.url);
    const second = await chromium.newPage(lab.url);
    await eventually(() => lab.io.of('/').sockets.size === 2, 'both tabs connected');
    await shows(second.locator('#log li').first(), 'its connect once line', { before: quiet });

    await first.fill('#text', 'hello from tab one');
    await first.click('#send');

    const line = second.locator('#log li', { hasText: 'hello from tab one' });
    await shows(line, 'the line "hello from tab one" in the other tab', { before: quiet });
    expect(await line.textContent()).toBe('unnamed (无名): hello from tab one');
  });
});
