// npm run honesty [-- NN]: the honesty gate, as rustlings' CI refuses an exercise that passes unsolved.
// For every practice region, a copy of the lab with only that region cut must fail at least one
// checkpoint; a region no checkpoint catches is named and fails the gate. The full practice copy
// must also typecheck and start, as a learner will run it. Which checkpoints catch each region is
// written to steps/NN-name/test/regions.json, the map `npm run check` names a failing region by;
// in CI (CI=true) a committed map that is out of date fails the gate instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCheckpoints } from '../src/checkpoints.ts';
import { startLabProcess } from '../src/lab-process.ts';
import { findLab, listLabs, repoRoot, runTool, type LabInfo } from '../src/labs.ts';
import { listRegions, writePracticeCopy, type PracticeRegion } from '../src/practice.ts';
import { type RegionsMap, readRegionsMap, regionsMapFile, regionsMapText, writeRegionsMap } from '../src/regions-map.ts';

const honestyRoot = join(repoRoot, '.honesty');
const CONCURRENCY = Number(process.env.HONESTY_CONCURRENCY || 2);

function run(command: string, args: string[], cwd: string) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The whole practice copy must typecheck, and its server must start and print its address. */
async function practiceCopyRuns(lab: LabInfo): Promise<string[]> {
  const dir = join(honestyRoot, `${lab.name}--practice`);
  writePracticeCopy(lab.dir, dir, () => true);
  const problems: string[] = [];
  const tsc = await run(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', '.'], dir);
  if (tsc.code !== 0) problems.push(`the practice copy of ${lab.name} does not typecheck:\n${tsc.output.trim()}`);

  const started = await startLabProcess({ labDir: dir }).then(
    (lab) => lab.stop().then(() => true),
    () => false,
  );
  if (!started) problems.push(`the practice copy of ${lab.name} does not start (tsx src/main.ts with PORT=0 printed no URL)`);
  rmSync(dir, { recursive: true, force: true });
  return problems;
}

/**
 * Why a committed map is wrong, or undefined when it holds: the same regions, every checkpoint it
 * names still exists, and for each region at least one of those it names still fails without it.
 * (A checkpoint that fails only on a busy machine may come and go; that alone does not fail CI.)
 */
function staleness(committed: RegionsMap | undefined, seen: RegionsMap, titles: Set<string>): string | undefined {
  if (!committed) return 'there is none';
  const ids = (map: RegionsMap) => Object.keys(map).sort().join(', ');
  if (ids(committed) !== ids(seen)) return `it has regions ${ids(committed)}, the lab ${ids(seen)}`;
  for (const [id, named] of Object.entries(committed)) {
    const gone = named.find((title) => !titles.has(title));
    if (gone) return `it names "${gone}", which is no checkpoint now`;
    if (!named.some((title) => seen[id]!.includes(title))) return `none of the checkpoints it names for ${id} fails without it`;
  }
  return undefined;
}

async function regionIsCaught(
  lab: LabInfo,
  region: PracticeRegion,
  map: RegionsMap,
  titles: Set<string>,
): Promise<string | undefined> {
  const dir = join(honestyRoot, `${lab.name}--${region.id}`);
  writePracticeCopy(lab.dir, dir, (id) => id === region.id);
  // Every checkpoint, not just the first to fail: the map must say all that catch the region.
  const report = await runCheckpoints(dir, { bail: false });
  rmSync(dir, { recursive: true, force: true });
  for (const checkpoint of report.checkpoints) titles.add(checkpoint.title);
  const caughtBy = report.checkpoints.filter((c) => !c.passed).map((c) => c.title);
  if (caughtBy.length > 0) {
    map[region.id] = caughtBy;
    console.log(`  ✅ ${region.id} caught by: ${caughtBy.join(' | ')}`);
    return undefined;
  }
  const why = report.brokenFiles.length
    ? `its copy did not load (${report.brokenFiles[0]!.message}); add a "// stub:" line so it compiles`
    : 'no checkpoint fails without it';
  console.log(`  ❌ ${region.id} (${region.file}:${region.line}) is not caught: ${why}`);
  return `${lab.name} region ${region.id} "${region.task}" is not caught: ${why}`;
}

await runTool(async () => {
  const query = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const labs = query ? [findLab(query)] : listLabs();
  const problems: string[] = [];
  const started = Date.now();

  for (const lab of labs) {
    const regions = listRegions(lab.dir);
    console.log(`${lab.title}: ${regions.length} practice regions`);
    if (regions.length === 0) problems.push(`${lab.name} has no practice regions`);
    const wrongLab = regions.filter((r) => !r.id.startsWith(`${lab.number}.`));
    for (const r of wrongLab) problems.push(`${lab.name} region ${r.id} should be numbered ${lab.number}.N`);
    const ids = regions.map((r) => r.id);
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i)))
      problems.push(`${lab.name} has two regions numbered ${id}`);

    const map: RegionsMap = {};
    const titles = new Set<string>();
    const queue = [...regions];
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      for (let region = queue.shift(); region; region = queue.shift()) {
        const problem = await regionIsCaught(lab, region, map, titles);
        if (problem) problems.push(problem);
      }
    });
    const copyProblems = practiceCopyRuns(lab);
    await Promise.all(workers);
    problems.push(...(await copyProblems));
    if (Object.keys(map).length === regions.length) {
      const file = regionsMapFile(lab.dir);
      const where = file.slice(repoRoot.length + 1);
      if (process.env.CI && !existsSync(file)) {
        // No map yet: check falls back to the lowest open TODO for this lab. Say so, do not fail.
        console.log(
          `  ⚠️  ${where} is missing: run \`npm run honesty -- ${lab.number}\` and commit it, so check can name regions`,
        );
      } else if (process.env.CI) {
        const stale = staleness(readRegionsMap(lab.dir), map, titles);
        if (stale)
          problems.push(
            `${where} is out of date (${stale}): run \`npm run honesty -- ${lab.number}\` and commit the file it writes`,
          );
      } else if ((existsSync(file) ? readFileSync(file, 'utf8') : '') !== regionsMapText(map)) {
        writeRegionsMap(lab.dir, map);
        console.log(`  wrote ${where} (the region → checkpoint map): commit it`);
      }
    }
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (problems.length > 0) {
    console.log(`\n❌ Honesty gate failed (${seconds} s):`);
    for (const problem of problems) console.log(`   - ${problem}`);
    return 1;
  }
  console.log(
    `\n✅ Honesty gate: every practice region is caught by a checkpoint, and every practice copy compiles and starts (${seconds} s).`,
  );
  return 0;
});
