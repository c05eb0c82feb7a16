// npm run check -- 01 [--watch]
// Grades the practice copy if there is one, else the solution: ✅/❌ per checkpoint,
// and for each ❌ the hints of the TODO it most likely belongs to.
import { watch } from 'node:fs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCheckpoints } from '../src/checkpoints.ts';
import { findLab, repoRoot, runTool, type LabInfo } from '../src/labs.ts';
import { listRegions, refreshCheckpoints, remainingTodos } from '../src/practice.ts';

async function check(lab: LabInfo, showAllHints: boolean): Promise<boolean> {
  const practising = existsSync(lab.practiceDir);
  const target = practising ? lab.practiceDir : lab.dir;
  if (practising) refreshCheckpoints(lab.dir, lab.practiceDir);
  console.log(`\n${lab.title}: checking ${relative(repoRoot, target)}/ …`);

  // A learner's unfinished TODO should fail in seconds, not after CI's generous waits.
  // A slow machine can wait longer: CHECKPOINT_WAIT_MS=10000 npm run check -- NN.
  const report = await runCheckpoints(target, { env: { CHECKPOINT_WAIT_MS: process.env.CHECKPOINT_WAIT_MS || '2500' } });
  const regions = listRegions(lab.dir);
  const todos = practising ? remainingTodos(lab.practiceDir) : [];
  // The lowest-numbered TODO still open is the most likely cause: labs build up in order.
  const suspect = regions.find((region) => region.id === todos[0]);

  // In the order a learner meets them: the server first, then the page in jsdom, then in Chromium.
  const kind = (file: string) => ['server', 'jsdom', 'chromium'].findIndex((word) => file.includes(word));
  const inOrder = [...report.checkpoints].sort((a, b) => kind(a.file) - kind(b.file));
  for (const checkpoint of inOrder) {
    console.log(`${checkpoint.passed ? '✅' : '❌'} ${checkpoint.title}`);
    if (!checkpoint.passed && checkpoint.failure) console.log(`     ${checkpoint.failure}`);
  }
  for (const broken of report.brokenFiles) console.log(`❌ ${broken.file} did not run: ${broken.message}`);

  const passed = report.checkpoints.filter((c) => c.passed).length;
  const total = report.checkpoints.length;
  const done = report.brokenFiles.length === 0 && total > 0 && passed === total;
  console.log(`\n${passed} of ${total} checkpoints pass.`);
  if (!done && suspect) {
    // Graded hints, as in rustlings: the nudge first; the next one only when asked for.
    const shown = showAllHints ? suspect.hints : suspect.hints.slice(0, 1);
    const file = join(target, suspect.file);
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((text) => text.includes(`TODO(${suspect.id})`)) + 1;
    console.log(`\nMost likely the first open TODO, TODO(${suspect.id}) in ${relative(repoRoot, file)}:${line}: ${suspect.task}`);
    shown.forEach((hint, i) => {
      console.log(`  Hint ${i + 1}: ${hint}`);
    });
    if (shown.length < suspect.hints.length)
      console.log(`  Stuck? \`npm run check -- ${lab.number} --hint\` shows the next hint.`);
    console.log('  Done with a TODO? Delete its TODO line, so check points at the next one.');
  } else if (!done && practising) {
    console.log(`\nNo TODO is left open: compare your code with the solution in ${relative(repoRoot, lab.dir)}/.`);
  } else if (done) {
    console.log(
      practising
        ? '🎉 Every checkpoint passes. On to the next lab!'
        : '(This was the solution; `npm run practice -- NN` makes your copy.)',
    );
  }
  if (practising) {
    writeFileSync(join(lab.practiceDir, '.checkpoints', 'progress.json'), JSON.stringify({ passed, total }));
  }
  return done;
}

await runTool(async () => {
  const args = process.argv.slice(2);
  const lab = findLab(args.find((arg) => !arg.startsWith('--')));
  const showAllHints = args.includes('--hint');
  const ok = await check(lab, showAllHints);
  if (!args.includes('--watch')) return ok ? 0 : 1;

  const target = existsSync(lab.practiceDir) ? lab.practiceDir : lab.dir;
  console.log(`\nWatching ${relative(repoRoot, target)}/src and page/ — save a file to check again (Ctrl+C stops).`);
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  for (const folder of ['src', 'page']) {
    watch(join(target, folder), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => (running = running.then(() => check(lab, showAllHints).then(() => undefined))), 200);
    });
  }
  await new Promise(() => {});
});
