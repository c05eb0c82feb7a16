// `npm run lab` restarts the server when a file under the lab's src/ changes, as `tsx watch` does,
// so a lesson edited in the editor is the one that runs. Run on a practice copy in a temp folder.
import { connect } from '@labs/shared/testing';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findLab, repoRoot } from '../src/labs.ts';
import { writePracticeCopy } from '../src/practice.ts';

// Inside the repository (in the git-ignored .honesty/), so the copy's imports resolve from its node_modules.
mkdirSync(join(repoRoot, '.honesty'), { recursive: true });
const practiceRoot = mkdtempSync(join(repoRoot, '.honesty', 'lab-watch-'));
afterAll(() => rmSync(practiceRoot, { recursive: true, force: true }));

const URL_LINE = /http:\/\/\S+:\d+\//g;

describe('npm run lab', () => {
  it('restarts the server when a file under src/ changes', async () => {
    const lab = findLab('01');
    const copy = join(practiceRoot, lab.name);
    writePracticeCopy(lab.dir, copy, () => false);
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'shared', 'cli', 'lab.ts'), '01', '--practice'], {
      cwd: repoRoot,
      env: { ...process.env, PRACTICE_DIR: practiceRoot, PORT: '0', LAB_PARENT_PID: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    /** The n-th page address the lab printed, once it has. */
    const nthUrl = async (n: number) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const urls = output.match(URL_LINE) ?? [];
        if (urls.length >= n) return urls[n - 1]!;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`expected the lab to print its address ${n} time(s) within 20 s; it printed:\n${output}`);
    };
    try {
      await connect(await nthUrl(1));
      expect(output, 'the one line that says so').toContain('save a file there and the server restarts');
      appendFileSync(join(copy, 'src', 'server.ts'), '\n// an edit\n');
      const second = await nthUrl(2);
      expect(output).toContain(
        `${join('.honesty', practiceRoot.split('/').pop()!, lab.name, 'src', 'server.ts')} changed: restarting the server…`,
      );
      await connect(second);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});

describe('npm run lab on a port in use', () => {
  it("suggests PORT=0 with the learner's own flags", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'shared', 'cli', 'lab.ts'), '9', '--nodes', '2'], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(port), LAB_PARENT_PID: String(process.pid) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code, `npm run lab to stop with exit code 1; it printed:\n${output}`).toBe(1);
      expect(output).toContain(`Port ${port} is already in use`);
      expect(output).toContain('PORT=0 npm run lab -- 9 --nodes 2\n');
    } finally {
      blocker.close();
    }
  }, 40_000);
});
