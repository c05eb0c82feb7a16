// The same page in real headless Chromium: two tabs, each with a / panel and a /ceshi panel.
import { nextConnection, quiet, shows, useChromium, useLab } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

/** A tab whose two panels are connected (each shows its whoami line). */
async function openTab(): Promise<Page> {
  const connected = nextConnection(lab.io);
  const page = await chromium.newPage(lab.url);
  await connected;
  await shows(page.locator('#root .whoami', { hasText: 'connection' }), "the / panel's whoami line", { before: quiet });
  await shows(page.locator('#ceshi .whoami', { hasText: 'connection' }), "the /ceshi panel's whoami line", { before: quiet });
  return page;
}

describe('lab 04 page in Chromium', () => {
  it('in a real browser the two panels share one engine.io connection with two different sids', async () => {
    const page = await openTab();
    const whoami = async (id: string) => {
      const [, namespace, sid, connection] = /^(\S+) · sid (\S+) · .* · connection (\S+)$/.exec(
        (await page.locator(`#${id} .whoami`).textContent()) ?? '',
      )!;
      return { namespace, sid: sid!, connection };
    };
    const root = await whoami('root');
    const ceshi = await whoami('ceshi');
    expect(root.sid).not.toBe(ceshi.sid);
    expect(root.connection).toBe(ceshi.connection);
    // The server agrees: one underlying connection under both namespaces' sockets.
    expect(lab.io.of('/').sockets.get(root.sid)!.conn).toBe(lab.io.of('/ceshi').sockets.get(ceshi.sid)!.conn);
  });

  it('two tabs: a ceshi from one tab reaches both /ceshi panels as message and both / panels as no-namespace', async () => {
    const first = await openTab();
    const second = await openTab();
    await first.click('#ceshi .emit');
    for (const page of [first, second]) {
      await shows(page.locator('#ceshi .log li', { hasText: 'ceshi: message' }), '"ceshi: message" in the /ceshi panel', {
        before: quiet,
      });
      await shows(page.locator('#root .log li', { hasText: 'ceshi: no-namespace' }), '"ceshi: no-namespace" in the / panel', {
        before: quiet,
      });
    }
    expect(await second.locator('#ceshi .log li').allTextContents()).toEqual(['ceshi: message']);
    expect(await second.locator('#root .log li').allTextContents()).toEqual(['ceshi: no-namespace']);
  });
});
