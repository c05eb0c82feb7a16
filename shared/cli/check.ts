// npm run check -- 01 [--watch] [--hint] [--all | --bail] [--json] [--lang zh]
// Grades the practice copy if there is one, else the solution. First what most often explains a
// failure: an exception in the learner's code (file:line), then type errors and biome's remarks as
// hints; then ✅/❌ per checkpoint, server first; then the region the failures point at, by the
// region → checkpoint map the honesty gate keeps, with its graded hints.
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { type Finding, lintFindings, runtimeErrors, typeErrors } from '../src/check-causes.ts';
import { type CheckMessages, messages } from '../src/check-messages.ts';
import { GROUPS, groupOf, type RunResult, startRunner } from '../src/check-run.ts';
import { docsDir, findLab, type LabInfo, repoRoot, runTool } from '../src/labs.ts';
import { stopDescendants } from '../src/lab-process.ts';
import { chooseLanguage, type Language, labTitle } from '../src/language.ts';
import { cutRegions, inLanguage, listRegions, type PracticeRegion, refreshCheckpoints, remainingTodos } from '../src/practice.ts';
import { readRegionsMap, suspectRegions } from '../src/regions-map.ts';
import { checkpointTranslations, TITLE_SEPARATOR } from '../src/translation-check.ts';

interface Options {
  showAllHints: boolean;
  bail: boolean;
  json: boolean;
}

/** One line of output, flushed as it comes: the hub streams it. With --json, one JSON object a line. */
function out(text: string, event?: object) {
  if (jsonMode) {
    if (event) process.stdout.write(`${JSON.stringify(event)}\n`);
  } else {
    process.stdout.write(`${text}\n`);
  }
}
let jsonMode = false;
// Chinese when the locale is (LANG=zh_CN.UTF-8) or with --lang zh: the sentences, the task and its hints.
let language: Language = 'en';
let say: CheckMessages = messages.en;

const MAX_FINDINGS = 5;
function printFindings(heading: string, findings: Finding[], kind: string, { trailingBlank = true } = {}) {
  if (findings.length === 0) return;
  out(heading);
  for (const finding of findings.slice(0, MAX_FINDINGS)) {
    out(kind === 'thrown' ? say.thrown(finding.message, finding.where) : say.finding(finding.message, finding.where), {
      event: kind,
      ...finding,
    });
  }
  if (findings.length > MAX_FINDINGS) out(say.more(findings.length - MAX_FINDINGS));
  if (trailingBlank) out('');
}

/** The region the failures point at, where the learner finds it: its TODO line, or its code. */
function locate(lab: LabInfo, region: PracticeRegion, target: string, practising: boolean): { where: string; todoOpen: boolean } {
  const file = join(target, region.file);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  const todo = lines.findIndex((text) => text.includes(`TODO(${region.id})`));
  if (practising && todo >= 0) return { where: `${relative(repoRoot, file)}:${todo + 1}`, todoOpen: true };
  if (!practising) return { where: `${relative(repoRoot, file)}:${region.line}`, todoOpen: false };
  // Solved: where the region's code sits in a copy, which has no region, hint or 提示 lines above it.
  const above = readFileSync(join(lab.dir, region.file), 'utf8')
    .split('\n')
    .slice(0, region.line - 1)
    .join('\n');
  const line = cutRegions(above, () => false, region.file).split('\n').length + 1;
  return { where: `${relative(repoRoot, file)}:${line}`, todoOpen: false };
}

/** The region whose code holds `where` (file:line in the copy): the last one that starts above it. */
function regionAt(
  lab: LabInfo,
  regions: PracticeRegion[],
  target: string,
  practising: boolean,
  where?: string,
): string | undefined {
  const match = where ? /^(.*):(\d+)$/.exec(where) : null;
  if (!match) return undefined;
  const [, file, line] = match;
  const starts = regions
    .filter((region) => relative(repoRoot, join(target, region.file)) === file)
    .map((region) => ({ id: region.id, start: Number(locate(lab, region, target, practising).where.split(':').pop()) }))
    .filter(({ start }) => start <= Number(line))
    .sort((a, b) => b.start - a.start);
  return starts[0]?.id;
}

async function report(
  lab: LabInfo,
  target: string,
  practising: boolean,
  result: RunResult,
  findings: { types: Finding[]; lint: Finding[] },
  options: Options,
) {
  const regions = listRegions(lab.dir);
  // The TODOs still open, read once: the order of the findings and the region named below both use them.
  const openTodos = remainingTodos(target);
  const open = new Set(openTodos);
  // In Chinese each title keeps its English words (the checkpoint's name) and gets the zh note's translation.
  const translated =
    language === 'zh' ? checkpointTranslations(join(docsDir, 'zh', basename(lab.notes))) : new Map<string, string>();
  const titled = (title: string) => (translated.has(title) ? `${title}${TITLE_SEPARATOR}${translated.get(title)}` : title);
  // An exception in code the learner wrote comes first; one in a TODO still open is that TODO's fallout.
  const thrown = (await runtimeErrors(target, result.stderr, result.uncaught))
    .map((finding) => ({ finding, region: regionAt(lab, regions, target, practising, finding.where) }))
    .sort((a, b) => Number(open.has(a.region ?? '')) - Number(open.has(b.region ?? '')));
  printFindings(
    say.thrownHeading,
    thrown.map(({ finding }) => finding),
    'thrown',
  );
  printFindings(say.typeHeading, findings.types, 'type');

  for (const group of GROUPS) {
    const inGroup = result.checkpoints.filter((checkpoint) => groupOf(checkpoint.file) === group);
    if (inGroup.length === 0) continue;
    out(say.group[group]);
    for (const checkpoint of inGroup) {
      const failure = checkpoint.failure ? say.failure(checkpoint.failure) : undefined;
      out(checkpoint.passed ? say.passed(titled(checkpoint.title)) : say.failed(titled(checkpoint.title)), {
        event: 'checkpoint',
        group,
        ...checkpoint,
        failure,
      });
      if (!checkpoint.passed && failure) out(say.why(failure));
    }
  }
  for (const broken of result.brokenFiles) out(say.broken(broken.file, broken.message), { event: 'broken', ...broken });
  if (result.notRun.length > 0) out(say.notRunHeading(lab.number));
  for (const { group, file, titles } of result.notRun) {
    for (const title of titles) out(say.notRun(titled(title)), { event: 'notRun', group, file, title });
  }

  const passed = result.checkpoints.filter((c) => c.passed).length;
  const notRun = result.notRun.reduce((sum, item) => sum + item.titles.length, 0);
  const total = result.checkpoints.length + notRun;
  const done = result.brokenFiles.length === 0 && notRun === 0 && total > 0 && passed === total;
  out(say.score(passed, total, notRun), { event: 'score', passed, total, notRun, done });
  // biome's remarks after the results: on a fresh copy they are mostly the stubs' unused names.
  if (practising && findings.lint.length > 0) {
    out('');
    printFindings(say.lintHeading, findings.lint, 'lint', { trailingBlank: false });
  }

  if (!done) {
    const failing = result.checkpoints.filter((c) => !c.passed).map((c) => c.title);
    const map = readRegionsMap(lab.dir);
    // The map names the regions whose checkpoints fail; without one, the lowest TODO still open.
    const ran = result.checkpoints.map((c) => c.title);
    const matched = map ? suspectRegions(map, failing, ran) : openTodos.slice(0, 1);
    // An exception thrown inside a region's code names that region, whatever else fails with it.
    const thrownIn = thrown.map(({ region }) => region).find((id): id is string => id !== undefined);
    // A TODO still open whose checkpoints fail is a cause for sure: the lowest such one comes next.
    const openTodo = map ? openTodos.find((id) => map[id]?.some((title) => failing.includes(title))) : undefined;
    const first = [thrownIn, openTodo].filter((id): id is string => id !== undefined);
    const ids = [...new Set([...first, ...matched])];
    const suspect = regions.find((region) => region.id === ids[0]);
    if (suspect) {
      const { where, todoOpen } = locate(lab, suspect, target, practising);
      const { task, hints } = inLanguage(suspect, language);
      out(say.suspect(suspect.id, task, where, todoOpen), {
        event: 'suspect',
        id: suspect.id,
        where,
        others: ids.slice(1),
      });
      // Other regions are named only while their TODO is open: a solved one would send the learner back to good code.
      const alsoOpen = ids.slice(1).filter((id) => open.has(id));
      if (alsoOpen.length > 0 && !thrownIn) out(say.alsoSuspect(alsoOpen));
      // Graded hints, as in rustlings: the nudge first; the rest only when asked for.
      const shown = options.showAllHints ? hints : hints.slice(0, 1);
      for (const [i, hint] of shown.entries()) out(say.hint(i + 1, hint));
      if (shown.length < hints.length) out(say.moreHints(lab.number));
      if (todoOpen) out(say.deleteTodo);
    } else if (practising) {
      out(say.noSuspect(relative(repoRoot, lab.dir)));
    }
  } else {
    out(practising ? say.allPass : say.solutionPasses(lab.number));
  }
  if (practising) {
    mkdirSync(join(lab.practiceDir, '.checkpoints'), { recursive: true });
    writeFileSync(join(lab.practiceDir, '.checkpoints', 'progress.json'), JSON.stringify({ passed, total }));
  }
  return done;
}

await runTool(async () => {
  const chosen = chooseLanguage(process.argv.slice(2));
  const args = chosen.args;
  language = chosen.language;
  say = messages[language];
  const lab = findLab(args.find((arg) => !arg.startsWith('--')));
  const watching = args.includes('--watch');
  jsonMode = args.includes('--json');
  const options: Options = {
    showAllHints: args.includes('--hint'),
    // Server checkpoints first, and stop at the first group that fails: a learner fixes one thing at a
    // time. --all runs every checkpoint (the solution's check always does).
    bail: !args.includes('--all') && (args.includes('--bail') || watching || existsSync(lab.practiceDir)),
    json: jsonMode,
  };
  const practising = existsSync(lab.practiceDir);
  const target = practising ? lab.practiceDir : lab.dir;
  if (practising) refreshCheckpoints(lab.dir, lab.practiceDir);

  // A slow machine can wait longer: CHECKPOINT_WAIT_MS=10000 npm run check -- NN. Most waits end
  // at a barrier anyway: an event that has not come once the lab went quiet is not coming.
  const runner = await startRunner(
    target,
    { CHECKPOINT_WAIT_MS: process.env.CHECKPOINT_WAIT_MS || '2500' },
    { keepWarm: watching },
  );
  // The first check counts from the process's start, the runner's start-up included, as the learner waits for it.
  let started = Date.now() - process.uptime() * 1000;
  const once = async () => {
    out(say.checking(labTitle(lab, language), relative(repoRoot, target), practising), {
      event: 'start',
      lab: lab.number,
      target: relative(repoRoot, target),
      practising,
    });
    // The typecheck and biome run beside the checkpoints, not before them.
    const findings = Promise.all([typeErrors(target), practising ? lintFindings(target) : Promise.resolve([])]);
    const result = await runner.run({ bail: options.bail });
    const [types, lint] = await findings;
    const done = await report(lab, target, practising, result, { types, lint }, options);
    const ms = Math.round(Date.now() - started);
    out(say.took((ms / 1000).toFixed(1)), { event: 'end', done, ms });
    return done;
  };

  const ok = await once();
  if (!watching) {
    // Done: stop vitest's workers and whatever they started, and exit once the output is out,
    // instead of waiting for vitest to wind down (~0.5 s). Without /proc, the runner closes them itself.
    if (!stopDescendants()) await runner.close();
    process.stdout.write('', () => process.exit(ok ? 0 : 1));
    return new Promise<never>(() => {});
  }

  out(say.watching(relative(repoRoot, target)));
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  for (const folder of ['src', 'page']) {
    watch(join(target, folder), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(async () => {
          started = Date.now();
          await once();
          out(say.watching(relative(repoRoot, target)));
        });
      }, 50);
    });
  }
  await new Promise(() => {});
});
