// npm run bench -- check: how fast `npm run check` answers a learner, on fresh practice copies of
// labs 03 and 07 made in a place of their own (.bench-practice/, git-ignored), never in practice/.
// Median of 3 runs each: check untouched, check after one TODO is solved, and --watch from a save
// to the result on screen. The targets, for a 2-core machine: 3 s, 3 s, 3 s and 1.5 s.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findLab, repoRoot } from '../src/labs.ts';
import { cutRegions, writePracticeCopy } from '../src/practice.ts';

const RUNS = 3;
const root = join(repoRoot, '.bench-practice');
const check = join(repoRoot, 'shared', 'cli', 'check.ts');
const env = { ...process.env, PRACTICE_DIR: root };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A fresh practice copy of `lab`, with every region cut except those in `solved`. */
function freshCopy(number: string, solved: string[] = []) {
  const lab = findLab(number);
  const dir = join(root, lab.name);
  writePracticeCopy(lab.dir, dir, (id) => !solved.includes(id));
  return { lab, dir };
}

/** Wall time of one `npm run check -- NN`, as the learner types it: npm's own start-up included. */
function timeCheck(number: string): number {
  const started = performance.now();
  spawnSync('npm', ['run', '--silent', 'check', '--', number], { cwd: repoRoot, env, stdio: 'ignore' });
  return performance.now() - started;
}

function bench(label: string, prepare: () => void, number: string, target: number) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    prepare();
    times.push(timeCheck(number));
  }
  const ms = median(times);
  console.log(
    `${label.padEnd(44)} median ${seconds(ms)}  (${times.map(seconds).join(', ')})  target ≤ ${seconds(target)} ${ms <= target ? '✅' : '❌'}`,
  );
  return ms <= target;
}

/** --watch: from writing a file to the watch printing its result ("end" in --json), RUNS times. */
async function benchWatch(target: number): Promise<boolean> {
  const { lab, dir } = freshCopy('03');
  const file = join(dir, 'src', 'server.ts');
  const unsolved = readFileSync(file, 'utf8');
  // The same file with 03.1 written as the solution has it: a save that changes the result.
  const solved = cutRegions(readFileSync(join(lab.dir, 'src', 'server.ts'), 'utf8'), (id) => id !== '03.1');
  const child = spawn(process.execPath, ['--import', 'tsx', check, '03', '--watch', '--json'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stopping it stops vitest's workers too, as Ctrl+C in a terminal does.
    detached: true,
  });
  // A watch that dies or stops answering is reported with what it printed, never waited on forever.
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const gone = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`the watch exited (${signal ?? code}):\n${stderr.slice(-2000)}`))),
  );
  const within = (promise: Promise<void>, ms = 60_000) =>
    Promise.race([
      promise,
      gone,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`no result within ${ms / 1000} s of a save:\n${stderr.slice(-2000)}`)), ms).unref(),
      ),
    ]);
  let buffer = '';
  let onEnd: (() => void) | undefined;
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.includes('"event":"end"')) onEnd?.();
    }
  });
  const nextEnd = () => new Promise<void>((resolve) => (onEnd = resolve));
  const times: number[] = [];
  try {
    await within(nextEnd()); // the first check, before any save
    for (let run = 0; run < RUNS; run++) {
      const ended = nextEnd();
      const started = performance.now();
      writeFileSync(file, run % 2 === 0 ? solved : unsolved);
      await within(ended);
      times.push(performance.now() - started);
    }
  } finally {
    child.removeAllListeners('exit');
    process.kill(-child.pid!, 'SIGINT');
  }
  const ms = median(times);
  console.log(
    `${'--watch: save → result (lab 03)'.padEnd(44)} median ${seconds(ms)}  (${times.map(seconds).join(', ')})  target ≤ ${seconds(target)} ${ms <= target ? '✅' : '❌'}`,
  );
  return ms <= target;
}

console.log('npm run check, timed on fresh practice copies (a loaded machine reads slower: see `uptime`).');
console.log(`load average now: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
const results = [
  bench('check -- 03, every TODO open', () => freshCopy('03'), '03', 3000),
  bench('check -- 07, every TODO open', () => freshCopy('07'), '07', 3000),
  bench('check -- 03, one TODO solved (03.1)', () => freshCopy('03', ['03.1']), '03', 3000),
  await benchWatch(1500),
];
rmSync(root, { recursive: true, force: true });
console.log(results.every(Boolean) ? 'Every target met.' : 'Some targets missed on this run (figures above).');
