// The page in real headless Chromium: two tabs, direct messages by name, and a visible new sid.
import { nextConnection, quiet, shows, useChromium, useLab } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

/** A tab that has connected and registered `name`, with the online list showing it. */
async function tab(name: string): Promise<Page> {
  const connected = nextConnection(lab.io);
  const page = await chromium.newPage(lab.url);
  await connected;
  await shows(page.locator('#sid', { hasText: /^[\w-]{20}$/ }), 'its sid', { before: quiet });
  await page.fill('#username', name);
  await page.click('#register button');
  await shows(page.locator('#me', { hasText: `registered as ${name} on sid` }), `"registered as ${name} on sid …"`, {
    before: quiet,
  });
  return page;
}

describe('lab 06 page in Chromium', () => {
  it('two tabs: a direct message from one shows in the other, before and after the reconnect button changes its sid', async () => {
    const ann = await tab('ann');
    const bob = await tab('bob');
    await bob.fill('#to', 'ann');
    await bob.fill('#text', 'first');
    await bob.click('#send');
    await shows(ann.locator('#log li', { hasText: 'bob: first' }), '"bob: first" in ann\'s tab', { before: quiet });

    const oldSid = await ann.textContent('#sid');
    const reconnected = nextConnection(lab.io);
    await ann.click('#reconnect');
    await reconnected;
    await ann.waitForFunction(
      (old) =>
        /^[\w-]{20}$/.test(document.querySelector('#sid')!.textContent!) && document.querySelector('#sid')!.textContent !== old,
      oldSid,
    );
    const newSid = await ann.textContent('#sid');
    expect(newSid).not.toBe(oldSid);
    // The page registers again on every connection, and says so with its new sid.
    await shows(ann.locator('#me', { hasText: `registered as ann on sid ${newSid}` }), `"registered as ann on sid ${newSid}"`, {
      before: quiet,
    });

    await bob.fill('#text', 'second');
    await bob.click('#send');
    await shows(ann.locator('#log li', { hasText: 'bob: second' }), '"bob: second" in ann\'s tab', { before: quiet });
    expect(await ann.locator('#log li').allTextContents()).toEqual(['bob: first', 'bob: second']);
  });
});
