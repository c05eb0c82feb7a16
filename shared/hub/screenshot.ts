// Makes docs/hub.png, the README's picture of the hub, with the course's own Chromium:
//   node --import tsx shared/hub/screenshot.ts
// The hub and its labs run on free ports; a message typed in the left frame shows in the right.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { docsDir } from '../src/labs.ts';
import { startHub } from './hub.ts';

const hub = await startHub({ port: 0, host: 'localhost', labPorts: 'free' });
await hub.labsStarted;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-features=LocalNetworkAccessChecks'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(new URL('/lab/01', hub.url).href);
  const left = page.frameLocator('iframe[name="left"]');
  const right = page.frameLocator('iframe[name="right"]');
  await right.locator('#log li').first().waitFor();
  await left.locator('#text').fill('hello from the left');
  await left.locator('#send').click();
  await right.locator('#log li', { hasText: 'hello from the left' }).waitFor();
  await page.screenshot({ path: join(docsDir, 'hub.png') });
  console.log(`Wrote ${join(docsDir, 'hub.png')}`);
} finally {
  await browser.close();
  await hub.close();
}
