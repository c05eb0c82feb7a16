// npm run bench [-- NN | anchors | check | wire] [--quick | --full | --profile]: each lab beside its bare socket.io
// twin (shared/bench/, docs/performance.md), then every lab's own benchmarks (steps/NN-name/bench/*.ts),
// then the wire panel's cost (shared/bench/wire-idle.ts; alone: -- wire).
// Speed and memory targets live here, never in timed checkpoints: a slow CI machine must not fail a lesson.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findLab, listLabs, repoRoot, runTool } from '../src/labs.ts';

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');

await runTool(async () => {
  const args = process.argv.slice(2);
  const query = args.find((arg) => !arg.startsWith('-'));
  let failures = 0;
  let ran = 0;
  const run = (path: string, cwd: string, extra: string[] = []) => {
    console.log(`\n▶ ${relative(repoRoot, path)} ${extra.join(' ')}`.trimEnd());
    ran += 1;
    if (spawnSync(tsx, [path, ...extra], { stdio: 'inherit', cwd }).status !== 0) failures += 1;
  };

  // `npm run bench -- check`: how fast `npm run check` answers (shared/bench/check.ts), alone.
  if (query === 'check') return spawnSync(tsx, [join(repoRoot, 'shared', 'bench', 'check.ts')], { stdio: 'inherit' }).status ?? 1;

  // `npm run bench -- wire`: what the wire panel costs the server (shared/bench/wire-idle.ts), alone.
  const wireIdle = join(repoRoot, 'shared', 'bench', 'wire-idle.ts');
  if (query === 'wire') return spawnSync(tsx, [wireIdle], { stdio: 'inherit' }).status ?? 1;

  // Lab beside twin (or, with `anchors`, one twin beside the next): shared/bench/run.ts.
  const sideBySide = join(repoRoot, 'shared', 'bench', 'run.ts');
  if (query === 'anchors') run(sideBySide, repoRoot, args);
  else run(sideBySide, repoRoot, query ? [findLab(query).number, ...args.filter((arg) => arg !== query)] : args);

  const labs = query === 'anchors' ? [] : query ? [findLab(query)] : listLabs();
  for (const lab of labs) {
    const benchDir = join(lab.dir, 'bench');
    if (!existsSync(benchDir)) continue;
    for (const file of readdirSync(benchDir)
      .filter((f) => f.endsWith('.ts'))
      .sort())
      run(join(benchDir, file), lab.dir);
  }
  if (!query) run(wireIdle, repoRoot);
  console.log(`\n${ran} benchmark${ran === 1 ? '' : 's'} ran, ${failures} failed.`);
  return failures > 0 ? 1 : 0;
});
