// npm run check on the wrong answers learners really write, run as a learner runs it: a copy of the
// solution with one mistake planted. Check must show the learner's own error first, name the region
// of the mistake (not the lowest TODO), and report a missing event at its barrier, not at a timeout.
import { useTempDir } from '@labs/shared/testing';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findLab, repoRoot } from '../src/labs.ts';
import { writePracticeCopy } from '../src/practice.ts';

const tmp = useTempDir('check-grading-');

/** A copy of lab `nn` with `cut` regions open and `find` replaced by `plant` in `file`; check's English output. */
async function checkWith(nn: string, file: string, find: string, plant: string, cut: string[] = []) {
  const lab = findLab(nn);
  const copy = join(tmp.path, lab.name);
  writePracticeCopy(lab.dir, copy, (id) => cut.includes(id));
  const path = join(copy, file);
  const text = readFileSync(path, 'utf8');
  expect(text, `the solution's ${file} to hold ${find}`).toContain(find);
  writeFileSync(path, text.replace(find, plant));
  const line = text.slice(0, text.indexOf(find)).split('\n').length;
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', PRACTICE_DIR: tmp.path };
  const run = promisify(execFile)(tsx, [join(repoRoot, 'shared', 'cli', 'check.ts'), nn], { cwd: repoRoot, env });
  const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return { stdout, line, said: `npm run check -- ${nn} printed:\n${stdout}` };
}

const firstResult = (stdout: string) => stdout.split('\n').findIndex((line) => /^(✅|❌)/.test(line));

describe('npm run check on planted mistakes', { timeout: 120_000 }, () => {
  it('a ReferenceError planted in 07.2 is shown first, with its file:line, then the type error, then the checkpoints', async () => {
    const { stdout, line, said } = await checkWith(
      '07',
      'src/server.ts',
      'await socket.join(roomName(room.id));',
      'await socket.join(roomName(roomid));',
    );
    const lines = stdout.split('\n');
    const thrown = lines.findIndex((l) => l.startsWith('💥'));
    const typed = lines.findIndex((l) => l.startsWith('🔎'));
    expect(thrown, `the exception heading before every checkpoint; ${said}`).toBeGreaterThan(-1);
    expect(thrown, said).toBeLessThan(typed);
    expect(typed, said).toBeLessThan(firstResult(stdout));
    const exception = lines.slice(thrown + 1, thrown + 3).join('\n');
    expect(exception, said).toMatch(/ReferenceError: roomid is not defined/);
    expect(exception, said).toContain(`src/server.ts:${line}`);
    expect(lines.slice(typed + 1, typed + 3).join('\n'), said).toMatch(/TS2552.*roomid/);
    expect(stdout, said).toMatch(/The failing checkpoints point at 07\.2 /);
  });

  it("03.2 answered with io.emit('typing') gets 03.2's hint, not another region's", async () => {
    const { stdout, said } = await checkWith(
      '03',
      'src/server.ts',
      "socket.broadcast.emit('typing', { from: socket.id });",
      "io.emit('typing', { from: socket.id });",
    );
    expect(stdout, said).toMatch(/❌ the typist provably does not get its own typing/);
    expect(stdout, said).toMatch(/The failing checkpoints point at 03\.2 \(your code for it, near \S+src\/server\.ts:\d+\)/);
  });

  it("07.4 without the leaving filter gets 07.4's hint, not 07.5's", async () => {
    const { stdout, said } = await checkWith('07', 'src/server.ts', 'sockets.filter((s) => s.id !== leaving).map', 'sockets.map');
    expect(stdout, said).toMatch(/The failing checkpoints point at 07\.4 /);
  });

  it('an event a TODO never sends is reported at the barrier that proves it is not coming, not after a timeout', async () => {
    // 03.1 open: the server never sends chat. The chat checkpoint's ack is its barrier.
    const { stdout, said } = await checkWith('03', 'src/server.ts', 'io', 'io', ['03.1']);
    const failure = stdout.split('\n').find((l) => l.includes('to receive "chat"'));
    expect(failure, `a failure about the missing chat; ${said}`).toBeDefined();
    expect(failure, said).toMatch(/but it got nothing before the server's answer to "chat"/);
    expect(stdout, said).not.toMatch(/within \d+ ms|timed out/);
  });
});
