// The hub in real Chromium, as a learner uses it: `npm start` (on free ports), the home page,
// a lab's two live frames, the Run button, the diff, a practice copy, a crash, and Ctrl+C.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { CHROMIUM_WITHIN_MS, shows, useChromium } from '@labs/shared/testing';
import type { FrameLocator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listLabs, repoRoot } from '../src/labs.ts';
import type { LabStatus } from '../hub/supervisor.ts';

// A Run grades a whole lab: give it the time `npm run check` takes on a loaded machine.
const RUN_WITHIN_MS = 90_000;
// Starting the hub starts every lab; a Run is a whole lab's checkpoints.
const HUB_START_WITHIN_MS = 120_000;
const TEST_WITHIN_MS = RUN_WITHIN_MS + 30_000;

const hub = { url: '', child: undefined as ChildProcess | undefined, output: '' };
let practiceRoot = '';
// Run's check waits 2.5 s for an event by default; on a loaded machine a solution's checkpoint
// can take longer, and these checkpoints are about the hub, not about check's speed.
const env = () => ({ ...process.env, HUB_PORT: '0', PORT: '0', PRACTICE_DIR: practiceRoot, CHECKPOINT_WAIT_MS: '20000' });
const tool = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'shared', 'cli', script), ...args], {
    cwd: repoRoot,
    env: env(),
    encoding: 'utf8',
  });

async function status(): Promise<LabStatus[]> {
  return (await fetch(new URL('/api/status', hub.url))).json() as Promise<LabStatus[]>;
}

/** A GET sent exactly as written: fetch and browsers would resolve the ".." before sending. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(hub.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  // A practice folder of the test's own, inside the repository so the copy resolves its packages;
  // a learner's real practice/ is never touched.
  practiceRoot = mkdtempSync(join(repoRoot, '.practice-hub-test-'));
  const made = tool('practice.ts', '03');
  expect(made.status, `npm run practice -- 03 failed: ${made.stderr}`).toBe(0);

  hub.child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'shared', 'hub', 'main.ts')], {
    cwd: repoRoot,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      hub.output += chunk;
      hub.url ||= /hub: (http:\/\/\S+\/)/.exec(hub.output)?.[1] ?? '';
      if (hub.url && hub.output.includes('All labs started')) resolve();
    };
    hub.child!.stdout!.on('data', read);
    hub.child!.stderr!.on('data', read);
    hub.child!.once('exit', (code) => reject(new Error(`the hub exited (${code}) before its labs were up:\n${hub.output}`)));
  });
}, HUB_START_WITHIN_MS);

afterAll(async () => {
  if (hub.child && hub.child.exitCode === null) {
    hub.child.kill('SIGINT');
    await new Promise((resolve) => hub.child!.once('exit', resolve));
  }
  if (practiceRoot) rmSync(practiceRoot, { recursive: true, force: true });
}, HUB_START_WITHIN_MS);

const chromium = useChromium();
// Each checkpoint's pages close after it: live frames left open would only load the machine.
afterEach(async () => {
  for (const context of chromium.browser.contexts()) await context.close();
});

describe('the hub', { timeout: TEST_WITHIN_MS }, () => {
  it('the home page shows every lab up, and the progress that npm run progress prints', async () => {
    const printed = tool('progress.ts').stdout;
    const page = await chromium.newPage(hub.url);
    for (const lab of listLabs()) {
      const line = printed.split('\n').find((text) => text.startsWith(`  ${lab.number}  `));
      expect(line, `npm run progress printed no line for lab ${lab.number}`).toBeDefined();
      const row = page.locator(`tr[data-lab="${lab.number}"]`);
      const server = (await status()).find((s) => s.number === lab.number)!.solution;
      expect(
        server.state,
        `lab ${lab.number} should be up once the hub says all labs started: ${server.lastLines?.join(' | ')}`,
      ).toBe('up');
      await row.locator('[data-state="up"]').waitFor();
      const progress = (await row.locator('.progress').textContent())!;
      expect(line!.endsWith(progress), `lab ${lab.number}: the hub shows "${progress}", npm run progress prints "${line}"`).toBe(
        true,
      );
    }
    // Lab 03 has a practice copy, so it is in progress, and the first lab not done is 01.
    expect(await page.locator('tr[data-lab="03"] .progress').getAttribute('data-state')).toBe('in-progress');
    expect(await page.locator('#continue').getAttribute('href')).toBe('/lab/01');
  });

  it("/lab/01 shows the notes' title", async () => {
    const title = /^# (.+)$/m.exec(readFileSync(join(repoRoot, 'docs', '01-send-vs-emit.md'), 'utf8'))![1]!;
    const page = await chromium.newPage(new URL('/lab/01', hub.url).href);
    expect(await page.locator('h1').first().textContent()).toBe(title.replace(/`/g, ''));
    expect(await page.locator('.toc li').count(), 'the notes have a table of contents').toBeGreaterThan(2);
  });

  it('the 中文 toggle turns the labels, the notes and the lab pages Chinese, and the hub remembers it', async () => {
    const zhTitle = /^# (.+)$/m.exec(readFileSync(join(repoRoot, 'docs', 'zh', '01-send-vs-emit.md'), 'utf8'))![1]!;
    const page = await chromium.newPage(new URL('/lab/01', hub.url).href);
    await page.locator('[data-language-toggle]').click();
    await page.locator('html[lang="zh"]').waitFor({ state: 'attached' });
    expect(await page.locator('h1').first().textContent()).toBe(zhTitle.replace(/`/g, ''));
    expect(await page.locator('[data-tab="notes"]').textContent()).toBe('笔记');
    expect(await page.locator('article[data-notes="zh"]').isVisible(), 'the Chinese notes to show').toBe(true);
    expect(await page.locator('article[data-notes="en"]').isHidden(), 'the English notes to hide').toBe(true);
    // The lab's own page, in both frames: its intro paragraph in Chinese.
    for (const side of ['left', 'right']) {
      const frame = page.frameLocator(`iframe[name="${side}"]`);
      await frame.locator('p[data-intro-zh]').waitFor();
      expect(await frame.locator('p[data-intro-en]').isHidden(), `the ${side} frame's English intro to hide`).toBe(true);
    }
    // Remembered: the home page, opened afresh in the same browser, speaks Chinese too; the toggle goes back.
    await page.goto(hub.url);
    await page.locator('html[lang="zh"]').waitFor({ state: 'attached' });
    expect(await page.locator('table.labs th').nth(1).textContent()).toBe('实验');
    await page.locator('[data-language-toggle]').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await page.locator('table.labs th').nth(1).textContent()).toBe('Lab');
  });

  it('two frames of lab 01 are live: a message sent in the left one shows in the right one', async () => {
    const page = await chromium.newPage(new URL('/lab/01', hub.url).href);
    const left = page.frameLocator('iframe[name="left"]');
    const right = page.frameLocator('iframe[name="right"]');
    await right.locator('#log li').first().waitFor();
    await left.locator('#log li').first().waitFor();
    await left.locator('#text').fill('hello from the left frame');
    await left.locator('#send').click();
    const line = right.locator('#log li', { hasText: 'hello from the left frame' });
    await line.waitFor();
    expect(await line.textContent()).toBe('unnamed (无名): hello from the left frame');
  });

  it("a frame's disconnect button closes its page's socket, and reconnect opens it again", async () => {
    const page = await chromium.newPage(new URL('/lab/01', hub.url).href);
    const frame = page.locator('[data-frame="left"]');
    await frame.locator('[data-conn][data-connected="true"]').waitFor();
    await frame.locator('[data-action="toggle"]').click();
    await frame.locator('[data-conn][data-connected="false"]').waitFor();
    await frame.locator('[data-action="toggle"]').click();
    await frame.locator('[data-conn][data-connected="true"]').waitFor();
    expect(await frame.locator('[data-action="toggle"]').textContent()).toBe('disconnect');
  });

  it('Run checkpoints streams its lines in and ends with every checkpoint ✅ for the solution', async () => {
    const page = await chromium.newPage(new URL('/lab/01', hub.url).href);
    await page.locator('[data-tab="checkpoints"]').click();
    await page.locator('#run').click();
    const output = page.locator('#check-output');
    // Streamed: the first line is on screen while the run is still going.
    // (check starts a warm vitest before its first line: on a loaded machine that takes a while.)
    await output
      .locator('div', { hasText: 'checking the solution in steps/01-send-vs-emit/' })
      .waitFor({ timeout: RUN_WITHIN_MS });
    expect(await output.getAttribute('data-state')).toBe('running');
    await page.locator('#check-output[data-state="done"]').waitFor({ timeout: RUN_WITHIN_MS });
    const lines = await output.locator('div').allTextContents();
    const passed = lines.filter((line) => line.startsWith('✅'));
    const failed = lines.filter((line) => line.startsWith('❌'));
    expect(failed, `expected no ❌ for the solution, got: ${failed.join(' | ')}`).toEqual([]);
    expect(lines).toContain(`${passed.length} of ${passed.length} checkpoints pass.`);
    expect(passed.length).toBeGreaterThan(2);
  });

  it('with a practice copy of lab 03, Run shows ❌ and a hint', async () => {
    const page = await chromium.newPage(new URL('/lab/03', hub.url).href);
    await page.locator('[data-tab="checkpoints"]').click();
    expect(await page.locator('.grades code').textContent()).toBe('practice/03-broadcast/');
    await page.locator('#run').click();
    await page.locator('#check-output[data-state="done"]').waitFor({ timeout: RUN_WITHIN_MS });
    expect(await page.locator('#check-output .fail').count(), 'an untouched copy fails some checkpoints').toBeGreaterThan(0);
    expect(await page.locator('#check-output .hint').first().textContent()).toMatch(/^\s*Hint 1: \S/);
    // The result updates the progress line, from the same file npm run progress reads.
    expect(await page.locator('[data-progress]').textContent()).toMatch(/in progress \(\d+ of \d+ checkpoints\)/);
  });

  it("with a practice copy of lab 03, the frames switch to the copy's server", async () => {
    const page = await chromium.newPage(new URL('/lab/03', hub.url).href);
    const solutionPort = (await status()).find((s) => s.number === '03')!.solution.port;
    await page.frameLocator('iframe[name="left"]').locator('h1').waitFor();
    await page.locator('input[name="source"][value="practice"]').check();
    await expect
      .poll(async () => (await status()).find((s) => s.number === '03')!.practice.state, { timeout: CHROMIUM_WITHIN_MS })
      .toBe('up');
    const copyPort = (await status()).find((s) => s.number === '03')!.practice.port;
    expect(copyPort).not.toBe(solutionPort);
    for (const side of ['left', 'right']) {
      await page.locator(`iframe[name="${side}"][src$=":${copyPort}/"]`).waitFor();
      expect(await page.frameLocator(`iframe[name="${side}"]`).locator('h1').textContent()).toMatch(/^Lab 03/);
    }
  });

  it("a practice copy's server that crashed shows restart beside its last lines, and restart brings it back", async () => {
    const copy = async () => (await status()).find((s) => s.number === '03')!.practice;
    const crashed = await copy();
    expect(crashed.state, "expected lab 03's copy up from the checkpoint before, it is not").toBe('up');
    const page = await chromium.newPage(new URL('/lab/03', hub.url).href);
    await page.locator('input[name="source"][value="practice"]').check();
    await page.locator(`iframe[name="left"][src$=":${crashed.port}/"]`).waitFor();
    process.kill(crashed.pid!, 'SIGKILL');
    const restart = page.locator('#source-note button[data-restart="03"][data-kind="practice"]');
    await shows(restart, 'a restart button for the crashed copy, beside its last lines');
    expect(await page.locator('#source-note').textContent()).toContain('stopped by SIGKILL');
    await restart.click();
    await expect
      .poll(async () => (await copy()).state, {
        timeout: CHROMIUM_WITHIN_MS,
        message: 'expected the copy up again after restart',
      })
      .toBe('up');
    const restarted = await copy();
    expect(restarted.pid, 'expected a new process for the restarted copy, it kept the old pid').not.toBe(crashed.pid);
    for (const side of ['left', 'right']) await page.locator(`iframe[name="${side}"][src$=":${restarted.port}/"]`).waitFor();
    expect(await page.frameLocator('iframe[name="left"]').locator('h1').textContent()).toMatch(/^Lab 03/);
  });

  it("lab 08's two frames keep their own signed-in users across a reload and a reconnect", async () => {
    const page = await chromium.newPage(new URL('/lab/08', hub.url).href);
    const left = page.frameLocator('iframe[name="left"]');
    const right = page.frameLocator('iframe[name="right"]');
    // Names stay taken in lab 08's database: this run's own.
    const stamp = Date.now().toString(36);
    const [alice, bob] = [`alice-${stamp}`, `bob-${stamp}`];
    const signIn = async (frame: FrameLocator, side: string, name: string) => {
      await frame.locator('#username').fill(name);
      await frame.locator('#sign-in').click();
      const me = frame.locator('#me', { hasText: 'Signed in as' });
      await shows(me, `the ${side} frame signed in`);
      expect(await me.textContent(), `expected the ${side} frame to sign in as ${name}`).toBe(`Signed in as ${name}`);
    };
    await signIn(left, 'left', alice);
    await signIn(right, 'right', bob);
    // The reload's barrier: the old document carries a mark, the reloaded one does not.
    await left.locator('body').evaluate((body) => body.setAttribute('data-before-reload', ''));
    await page.locator('[data-frame="left"] [data-action="reload"]').click();
    const reloaded = left.locator('body:not([data-before-reload]) #me', { hasText: 'Signed in as' });
    await shows(reloaded, 'the reloaded left frame signed in');
    expect(await reloaded.textContent(), `expected the left frame to stay ${alice} after a reload`).toBe(`Signed in as ${alice}`);
    const toggle = page.locator('[data-frame="left"] [data-action="toggle"]');
    await page.locator('[data-frame="left"] [data-conn][data-connected="true"]').waitFor();
    await toggle.click();
    await page.locator('[data-frame="left"] [data-conn][data-connected="false"]').waitFor();
    await left.locator('#status').evaluate((status) => (status.textContent = ''));
    await toggle.click();
    const status = left.locator('#status', { hasText: 'Connected as' });
    await shows(status, 'the left frame connected again');
    expect(await status.textContent(), `expected the left frame to stay ${alice} after a reconnect`).toBe(
      `Connected as ${alice}.`,
    );
    expect(await right.locator('#me').textContent(), `expected the right frame to stay ${bob}`).toBe(`Signed in as ${bob}`);
  });

  it("the Diff tab of lab 02 shows lines that lab 02 adds to lab 01's server.ts", async () => {
    const [one, two] = listLabs();
    const before = new Set(readFileSync(join(one!.dir, 'src', 'server.ts'), 'utf8').split('\n'));
    const added = readFileSync(join(two!.dir, 'src', 'server.ts'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !before.has(line));
    expect(added.length).toBeGreaterThan(0);
    const page = await chromium.newPage(new URL('/lab/02', hub.url).href);
    await page.locator('[data-tab="diff"]').click();
    const shown = await page.locator('[data-diff-file="src/server.ts"] .line.add').allTextContents();
    expect(shown.map((line) => line.slice(1))).toEqual(expect.arrayContaining(added));
  });

  it('the code view refuses a path with .. and a symlink out of the lab', async () => {
    const climbing = await rawGet('/code/01-send-vs-emit/../../package.json');
    expect(climbing.status, `expected 403 for "..", got ${climbing.status}: ${climbing.body.slice(0, 200)}`).toBe(403);
    const encoded = await rawGet('/code/01-send-vs-emit/%2e%2e/%2e%2e/package.json');
    expect(encoded.status).toBe(403);
    symlinkSync(join(repoRoot, 'package.json'), join(practiceRoot, '03-broadcast', 'src', 'leak.ts'));
    const linked = await rawGet('/code/practice/03-broadcast/src/leak.ts?raw');
    expect(linked.status, `expected 403 for a symlink out, got ${linked.status}: ${linked.body.slice(0, 200)}`).toBe(403);
    // The same view still serves the lab's own files.
    const own = await rawGet('/code/practice/03-broadcast/src/server.ts?raw');
    expect(own.status).toBe(200);
    expect(own.body).toContain('TODO(03.');
  });

  it('killing a lab shows it down with its last lines, and "restart" brings it back', async () => {
    const pid = (await status()).find((s) => s.number === '01')!.solution.pid!;
    const page = await chromium.newPage(hub.url);
    const cell = page.locator('[data-status-for="01"]');
    await cell.locator('[data-state="up"]').waitFor();
    process.kill(pid, 'SIGKILL');
    await cell.locator('[data-state="down"]').waitFor();
    const lastLines = (await cell.locator('.last-lines').textContent())!;
    expect(lastLines).toContain('Lab 01 · send vs emit');
    expect(lastLines).toContain('stopped by SIGKILL');
    await cell.locator('button.restart').click();
    await cell.locator('[data-state="up"]').waitFor();
    const restarted = (await status()).find((s) => s.number === '01')!.solution;
    expect(restarted.pid).not.toBe(pid);
    expect((await fetch(`http://localhost:${restarted.port}/`)).status).toBe(200);
  });

  it('Ctrl+C stops the hub and every lab process it started', async () => {
    const servers = (await status()).flatMap((s) => [s.solution, s.practice]).filter((server) => server.state === 'up');
    // Every lab's solution, and the practice copy of lab 03 that an earlier checkpoint started.
    expect(servers.filter((server) => server.kind === 'practice')).toHaveLength(1);
    const pids = servers.map((server) => server.pid!);
    hub.child!.kill('SIGINT');
    const code = await new Promise((resolve) => hub.child!.once('exit', resolve));
    expect(code).toBe(0);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive, `expected every lab process to be gone after Ctrl+C, still running: ${alive.join(', ')}`).toEqual([]);
  });
});
