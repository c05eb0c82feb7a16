// npm test: biome's check of the whole tree, then typecheck and checkpoints in every workspace
// (all through turbo, cached), then the notes ↔ checkpoints check, then the one line CI reads.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../src/labs.ts';
import { checkNotes } from '../src/notes-check.ts';
import { checkpointPackages, checkpointSummary, resultsFile } from '../src/summary.ts';

// A report left over from an older run must not be counted: turbo restores it from cache when it is current.
for (const { dir } of checkpointPackages()) rmSync(resultsFile(dir), { force: true });

const turbo = (args: string[]) =>
  new Promise<number>((resolve) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'turbo'), args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });

// biome first, on its own: `npm run lint` over the whole tree (the root task //#lint), cached by turbo too.
const lintCode = await turbo(['run', 'lint']);

// Two labs at a time: each runs its three checkpoint files side by side, with a browser, servers
// and sometimes Redis. More at once only makes a 2-core machine time out; fewer wastes its waits.
const turboArgs = ['run', 'typecheck', 'test', '--continue', '--concurrency=2', ...process.argv.slice(2)];
const turboCode = await turbo(turboArgs);

const noteProblems = checkNotes();
const summary = checkpointSummary();

console.log('');
if (noteProblems.length > 0) {
  console.log('❌ The notes disagree with the checkpoints, the links or their Chinese twins:');
  for (const problem of noteProblems) console.log(`   - ${problem}`);
} else {
  console.log("✅ Every lab's notes list exactly its checkpoints, and every Chinese note is its English note's twin.");
}
if (lintCode !== 0) {
  console.log('❌ biome check found a problem (see //#lint above): `npm run format` fixes the format, the rest is by hand.');
} else {
  console.log('✅ biome: every file is formatted and lint-clean.');
}
for (const problem of summary.problems) console.log(`❌ ${problem}`);
if (turboCode !== 0) console.log('❌ A typecheck or a checkpoint failed: see the output above.');
console.log(summary.line);
process.exitCode = lintCode !== 0 || turboCode !== 0 || noteProblems.length > 0 || summary.failed > 0 ? 1 : 0;
