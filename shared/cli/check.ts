// npm run check -- 01 [--watch]
// Grades the practice copy if there is one, else the solution: ✅/❌ per checkpoint,
// and for each ❌ the hints of the TODO it most likely belongs to.
import { watch } from 'node:fs';
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCheckpoints } from '../src/checkpoints.ts';
import { findLab, repoRoot, runTool, type LabInfo } from '../src/labs.ts';
import { listRegions, refreshCheckpoints, remainingTodos } from '../src/practice.ts';

async function check(lab: LabInfo): Promise<boolean> {
  const practising = existsSync(lab.practiceDir);
  const target = practising ? lab.practiceDir : lab.dir;
  if (practising) refreshCheckpoints(lab.dir, lab.practiceDir);
  console.log(`\n${lab.title}: checking ${relative(repoRoot, target)}/ …`);

  // A learner's unfinished TODO should fail in seconds, not after CI's generous waits.
  const report = await runCheckpoints(target, { env: { CHECKPOINT_WAIT_MS: '2500' } });
  const regions = listRegions(lab.dir);
  const todos = practising ? remainingTodos(lab.practiceDir) : [];
  // The lowest-numbered TODO still open is the most likely cause: labs build up in order.
  const suspect = regions.find((region) => region.id === todos[0]);

  for (const checkpoint of report.checkpoints) {
    console.log(`${checkpoint.passed ? '✅' : '❌'} ${checkpoint.title}`);
    if (!checkpoint.passed && checkpoint.failure) console.log(`     ${checkpoint.failure}`);
  }
  for (const broken of report.brokenFiles) console.log(`❌ ${broken.file} did not run: ${broken.message}`);

  const passed = report.checkpoints.filter((c) => c.passed).length;
  const total = report.checkpoints.length;
  const done = report.brokenFiles.length === 0 && total > 0 && passed === total;
  console.log(`\n${passed} of ${total} checkpoints pass.`);
  if (!done && suspect) {
    console.log(`\nMost likely TODO(${suspect.id}) in ${suspect.file}: ${suspect.task}`);
    suspect.hints.forEach((hint, i) => console.log(`  Hint ${i + 1}: ${hint}`));
  } else if (!done && practising) {
    console.log(`\nNo TODO is left open: compare your code with the solution in ${relative(repoRoot, lab.dir)}/.`);
  } else if (done) {
    console.log(practising ? '🎉 Every checkpoint passes. On to the next lab!' : '(This was the solution; `npm run practice -- NN` makes your copy.)');
  }
  if (practising) {
    writeFileSync(join(lab.practiceDir, '.checkpoints', 'progress.json'), JSON.stringify({ passed, total }));
  }
  return done;
}

await runTool(async () => {
  const args = process.argv.slice(2);
  const lab = findLab(args.find((arg) => !arg.startsWith('--')));
  const ok = await check(lab);
  if (!args.includes('--watch')) return ok ? 0 : 1;

  const target = existsSync(lab.practiceDir) ? lab.practiceDir : lab.dir;
  console.log(`\nWatching ${relative(repoRoot, target)}/src and page/ — save a file to check again (Ctrl+C stops).`);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  for (const folder of ['src', 'page']) {
    watch(join(target, folder), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => (running = running.then(() => check(lab).then(() => undefined))), 200);
    });
  }
  await new Promise(() => {});
});
