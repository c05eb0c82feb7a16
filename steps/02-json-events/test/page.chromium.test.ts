// The same page in real headless Chromium: two tabs, one seeing the other's JSON.
import { useChromium, useLab } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

describe('lab 02 page in Chromium', () => {
  it('two tabs: a JSON object sent in one shows in the other', async () => {
    const first = await chromium.newPage(lab.url);
    const second = await chromium.newPage(lab.url);
    // The second tab is connected once its own send comes back acked.
    await second.click('#send');
    await second.locator('#status', { hasText: 'ack: ok' }).waitFor();

    await first.fill('#json', '{ "text": "hello from tab one" }');
    await first.click('#send');
    await first.locator('#status', { hasText: 'ack: ok' }).waitFor();

    const line = second.locator('#log li', { hasText: 'hello from tab one' });
    await line.waitFor();
    expect(await line.textContent()).toBe('message: {"text":"hello from tab one"}');
  });
});
