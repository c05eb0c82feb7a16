// The same page in real headless Chromium: two tabs, one seeing the other's JSON.
import { eventually, quiet, shows, useChromium, useLab } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

describe('lab 02 page in Chromium', () => {
  it('two tabs: a JSON object sent in one shows in the other', async () => {
    const first = await chromium.newPage(lab.url);
    const second = await chromium.newPage(lab.url);
    await eventually(() => lab.io.of('/').sockets.size === 2, 'both tabs connected');
    // The second tab works once its own send comes back acked.
    await second.click('#send');
    await shows(second.locator('#status', { hasText: 'ack: ok' }), '"ack: ok" for its own send', { before: quiet });

    await first.fill('#json', '{ "text": "hello from tab one" }');
    await first.click('#send');
    await shows(first.locator('#status', { hasText: 'ack: ok' }), '"ack: ok" in the sending tab', { before: quiet });

    const line = second.locator('#log li', { hasText: 'hello from tab one' });
    await shows(line, 'the relayed line in the other tab', { before: quiet });
    expect(await line.textContent()).toBe('message: {"text":"hello from tab one"}');
  });
});
