// npm run bench [-- NN]: every lab's benchmarks (steps/NN-name/bench/*.ts), one after another.
// Speed and memory targets live here, never in timed checkpoints: a slow CI machine must not fail a lesson.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findLab, listLabs, repoRoot, runTool } from '../src/labs.ts';

await runTool(async () => {
  const query = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const labs = query ? [findLab(query)] : listLabs();
  let failures = 0;
  let ran = 0;
  for (const lab of labs) {
    const benchDir = join(lab.dir, 'bench');
    if (!existsSync(benchDir)) continue;
    for (const file of readdirSync(benchDir)
      .filter((f) => f.endsWith('.ts'))
      .sort()) {
      const path = join(benchDir, file);
      console.log(`\n▶ ${relative(repoRoot, path)}`);
      const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'tsx'), [path], { stdio: 'inherit', cwd: lab.dir });
      ran += 1;
      if (result.status !== 0) failures += 1;
    }
  }
  console.log(`\n${ran} benchmark${ran === 1 ? '' : 's'} ran, ${failures} failed.`);
  return failures > 0 ? 1 : 0;
});
