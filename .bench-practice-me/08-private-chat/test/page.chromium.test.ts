// The same page in real headless Chromium: two users in two pages, one goes away and comes back.
import { useChromium, useLab, useTempDir } from '@labs/shared/testing';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach, type LabServer } from '../src/server.ts';

const tmp = useTempDir('lab08-chromium-');
const lab = useLab({
  labDir: new URL('..', import.meta.url),
  attach: (io: LabServer) => attach(io, { dbFile: join(tmp.path, 'chat.db') }),
});
const chromium = useChromium();

/** Each chromium.newPage is its own browser context: its own localStorage, so its own user. */
async function signIn(page: Page, name: string) {
  await page.fill('#username', name);
  await page.click('#sign-in');
  await page.locator('#me', { hasText: `Signed in as ${name}` }).waitFor();
}

describe('lab 08 page in Chromium', () => {
  it('once signed in, the login form is hidden, after a reload too', async () => {
    const page = await chromium.newPage(lab.url);
    await signIn(page, 'gil');
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden once signed in').toBe(false);
    await page.reload(); // the session is remembered: signed in again without the form
    await page.locator('#me', { hasText: 'Signed in as gil' }).waitFor();
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden after a reload').toBe(false);
  });

  it('two users in two pages: one goes offline and receives the backlog on return', async () => {
    const alice = await chromium.newPage(lab.url);
    await signIn(alice, 'alice');
    const bob = await chromium.newPage(lab.url);
    await signIn(bob, 'bob');
    const bobInAliceList = alice.locator('#users li', { hasText: 'bob' });
    await alice.locator('#users li[data-online="true"]', { hasText: 'bob' }).waitFor();

    // Bob leaves the page: his last socket is gone, and Alice sees him offline.
    await bob.goto('about:blank');
    await alice.locator('#users li[data-online="false"]', { hasText: 'bob' }).waitFor();

    await bobInAliceList.locator('button').click();
    for (const text of ['first while you were away', 'second while you were away']) {
      await alice.fill('#text', text);
      await alice.click('#send');
      await alice.locator('#messages li', { hasText: text }).waitFor();
    }

    // Bob comes back: same browser storage, so same session, and the backlog arrives.
    await bob.goto(lab.url);
    await bob.locator('#me', { hasText: 'Signed in as bob' }).waitFor();
    await bob.locator('#users li', { hasText: 'alice' }).locator('.unread', { hasText: '2' }).waitFor();
    await bob.locator('#users li', { hasText: 'alice' }).locator('button').click();
    await bob.locator('#messages[aria-busy="false"]').waitFor();
    expect(await bob.locator('#messages li').allTextContents()).toEqual([
      'alice: first while you were away',
      'alice: second while you were away',
    ]);
    await alice.locator('#users li[data-online="true"]', { hasText: 'bob' }).waitFor();
  });
});
