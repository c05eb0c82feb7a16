// The same page in real headless Chromium: two users in two pages, one goes away and comes back.
import { nextConnection, quiet, shows, useChromium, useLab, useTempDir } from '@labs/shared/testing';
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
  // quiet() cannot see a page that is still connecting: wait for its socket, then for the page.
  const connected = nextConnection(lab.io);
  await page.click('#sign-in');
  await connected;
  await shows(page.locator('#me', { hasText: `Signed in as ${name}` }), `"Signed in as ${name}"`, { before: quiet });
}

describe('lab 08 page in Chromium', () => {
  it('once signed in, the login form is hidden, after a reload too', async () => {
    const page = await chromium.newPage(lab.url);
    await signIn(page, 'gil');
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden once signed in').toBe(false);
    const connected = nextConnection(lab.io);
    await page.reload(); // the session is remembered: signed in again without the form
    await connected;
    await shows(page.locator('#me', { hasText: 'Signed in as gil' }), '"Signed in as gil" after the reload', { before: quiet });
    expect(await page.locator('#login').isVisible(), 'the login form to be hidden after a reload').toBe(false);
  });

  it('two users in two pages: one goes offline and receives the backlog on return', async () => {
    const alice = await chromium.newPage(lab.url);
    await signIn(alice, 'alice');
    const bob = await chromium.newPage(lab.url);
    await signIn(bob, 'bob');
    const bobInAliceList = alice.locator('#users li', { hasText: 'bob' });
    await shows(alice.locator('#users li[data-online="true"]', { hasText: 'bob' }), "bob online in alice's list", {
      before: quiet,
    });

    // Bob leaves the page: his last socket is gone, and Alice sees him offline.
    await bob.goto('about:blank');
    await shows(alice.locator('#users li[data-online="false"]', { hasText: 'bob' }), 'bob in the user list, offline');

    await bobInAliceList.locator('button').click();
    for (const text of ['first while you were away', 'second while you were away']) {
      await alice.fill('#text', text);
      await alice.click('#send');
      await shows(alice.locator('#messages li', { hasText: text }), `"${text}" in alice's chat`, { before: quiet });
    }

    // Bob comes back: same browser storage, so same session, and the backlog arrives.
    const back = nextConnection(lab.io);
    await bob.goto(lab.url);
    await back;
    await shows(bob.locator('#me', { hasText: 'Signed in as bob' }), '"Signed in as bob" on his return', { before: quiet });
    const alicesUnread = bob.locator('#users li', { hasText: 'alice' }).locator('.unread', { hasText: '2' });
    await shows(alicesUnread, "2 unread beside alice's name", { before: quiet });
    await bob.locator('#users li', { hasText: 'alice' }).locator('button').click();
    await shows(bob.locator('#messages[aria-busy="false"]'), "alice's history", { before: quiet });
    expect(await bob.locator('#messages li').allTextContents()).toEqual([
      'alice: first while you were away',
      'alice: second while you were away',
    ]);
    await shows(alice.locator('#users li[data-online="true"]', { hasText: 'bob' }), "bob online again in alice's list", {
      before: quiet,
    });
  });
});
