// The wire panel in real headless Chromium: the page's own packets, and the server's, with their audience.
import { connect, eventually, quiet, shows, useChromium, useLab } from '@labs/shared/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

/** One side's event packets (42…) in the panel, in order, as "dir packet peers". */
async function events(page: Page, side: 'client' | 'server') {
  const rows = await page
    .locator(`[data-wire-packet][data-side="${side}"]`)
    .evaluateAll((elements) =>
      elements.map((row) =>
        [(row as HTMLElement).dataset.dir, row.querySelector('.packet')!.textContent, row.querySelector('.peers')?.textContent]
          .filter(Boolean)
          .join(' '),
      ),
    );
  return rows.filter((row) => / 42\[/.test(row));
}

/** The page's own 测试 line, with a barrier: a lab that never emits ceshi fails here at once, not at a timeout. */
const ceshiShown = (page: Page) =>
  shows(page.locator('#log li', { hasText: '测试' }), 'the named (有名) 测试 line', { before: quiet });

/** The sid the server gave this tab's socket, read off its panel: the 40{"sid":…} it received. */
async function sidOf(page: Page) {
  const connected = page.locator('[data-wire-packet][data-side="client"][data-dir="in"] .packet', { hasText: /^40\{"sid"/ });
  return JSON.parse((await connected.first().textContent())!.slice(2)).sid as string;
}

describe('lab 01 wire panel in Chromium', () => {
  it('the wire panel shows connect once sent, its two echoes received, and the same packets on the server with their audience', async () => {
    const first = await chromium.newPage(lab.url);
    await ceshiShown(first);
    await first.locator('[data-wire-packet][data-side="server"]', { hasText: '42["ceshi","测试"]' }).first().waitFor();
    // Before any event: Engine.IO's open (0) names the connection, then Socket.IO's CONNECT (40) for "/".
    const firstPackets = await first.locator('[data-wire-packet][data-side="client"] .packet').allTextContents();
    expect(firstPackets[0]).toMatch(
      /^0\{"sid":"[\w-]+","upgrades":\[.*\],"pingInterval":25000,"pingTimeout":20000,"maxPayload":\d+\}$/,
    );
    expect(firstPackets.filter((packet) => packet.startsWith('40'))).toEqual(['40', `40{"sid":"${await sidOf(first)}"}`]);
    expect(await events(first, 'client')).toEqual([
      'out 42["message","connect once"]',
      'in 42["message","connect once"]',
      'in 42["ceshi","测试"]',
    ]);
    expect(await events(first, 'server')).toEqual([
      'in 42["message","connect once"] from you',
      'out 42["message","connect once"] to you',
      'out 42["ceshi","测试"] to you',
    ]);

    // A second tab says connect once too: the first tab's panel shows who sent it and who got the echoes.
    const second = await chromium.newPage(lab.url);
    const other = (await sidOf(second)).slice(0, 6);
    await first.locator('[data-wire-packet][data-side="server"]', { hasText: `from ${other}` }).waitFor();
    await first
      .locator('[data-wire-packet][data-side="client"][data-dir="in"]', { hasText: '42["ceshi","测试"]' })
      .nth(1)
      .waitFor();
    await first
      .locator('[data-wire-packet][data-side="server"][data-dir="out"]', { hasText: '42["ceshi","测试"]' })
      .nth(1)
      .waitFor();
    expect((await events(first, 'server')).slice(3)).toEqual([
      `in 42["message","connect once"] from ${other}`,
      `out 42["message","connect once"] to you, ${other}`,
      `out 42["ceshi","测试"] to you, ${other}`,
    ]);
    expect((await events(first, 'client')).slice(3)).toEqual(['in 42["message","connect once"]', 'in 42["ceshi","测试"]']);
  });
});

describe('lab 01 wire panel controls in Chromium', () => {
  // Pings every 200 ms instead of 25 s, so a ping shows up in time.
  const quick = useLab({ labDir: new URL('..', import.meta.url), attach, serverOptions: { pingInterval: 200 } });

  it('ping and pong are hidden until asked for, and a folded panel stays folded after a reload', async () => {
    const page = await chromium.newPage(quick.url);
    const ping = page.locator('[data-wire-packet][data-side="client"][data-dir="in"][data-heartbeat]', {
      has: page.locator('.packet', { hasText: /^2$/ }),
    });
    await ping.first().waitFor({ state: 'attached' });
    expect(await ping.first().isVisible()).toBe(false);
    await page.locator('#wire-panel .pings').check();
    await ping.first().waitFor({ state: 'visible' });

    const lines = page.locator('#wire-panel .lines');
    expect(await lines.isVisible()).toBe(true);
    await page.locator('#wire-panel .toggle').click();
    await lines.waitFor({ state: 'hidden' });
    await page.reload();
    await ceshiShown(page);
    expect(await lines.isVisible()).toBe(false);
    await page.locator('#wire-panel .toggle').click();
    await lines.waitFor({ state: 'visible' });
  });
});

describe('lab 01 folded wire panel in Chromium', () => {
  const folding = useLab({ labDir: new URL('..', import.meta.url), attach });

  it('a folded panel stops watching the server, and watches again once unfolded', async () => {
    const page = await chromium.newPage(folding.url);
    const watchers = () => folding.io.of('/_wire').sockets.size;
    await eventually(() => watchers() === 1, 'the open panel to watch the server');
    await page.locator('#wire-panel .toggle').click();
    await eventually(
      () => watchers() === 0,
      () => `the folded panel to stop watching, but ${watchers()} watch`,
    );
    expect(await page.locator('#wire-panel .status').textContent()).toBe('server: not watching');
    // Folded, the page still works: its own connection is untouched.
    await page.fill('#text', 'while folded');
    await page.click('#send');
    await shows(page.locator('#log li', { hasText: 'while folded' }).first(), 'the echo of "while folded"', { before: quiet });
    await page.locator('#wire-panel .toggle').click();
    await eventually(() => watchers() === 1, 'the unfolded panel to watch the server again');
    await shows(page.locator('#wire-panel .status', { hasText: 'server: watching' }), '"server: watching"');
  });
});

describe('lab 01 wire panel limits in Chromium', () => {
  // No rate cap here, so that 600 packets the server reads make 600 lines on the page.
  const uncapped = useLab({ labDir: new URL('..', import.meta.url), attach, wire: { maxLinesPerSecond: 10_000 } });

  it('the wire panel keeps the last 500 lines', async () => {
    const page = await chromium.newPage(uncapped.url);
    await ceshiShown(page);
    const packets = page.locator('#wire-panel .lines > [data-wire-packet] .packet');
    await page.locator('[data-wire-packet][data-side="server"]', { hasText: '42["ceshi","测试"]' }).first().waitFor();
    expect(await packets.first().textContent()).toMatch(/^0\{"sid"/);
    // A bare send brings nothing to relay: the server reads it and writes nothing, one line each.
    const sender = await connect(uncapped.url);
    for (let n = 0; n < 600; n++) sender.send();
    sender.send('done');
    await page.locator('[data-wire-packet][data-side="server"][data-dir="in"]', { hasText: '42["message","done"]' }).waitFor();
    expect(await page.locator('#wire-panel .lines > *').count()).toBe(500);
    expect((await packets.allTextContents()).filter((packet) => packet.startsWith('0{'))).toEqual([]);
  });
});
