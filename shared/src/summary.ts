import { join } from 'node:path';
import { readReport } from './checkpoints.ts';
import { listLabs, repoRoot } from './labs.ts';

export const resultsFile = (labDir: string) => join(labDir, '.checkpoints', 'results.json');

/** Every workspace with checkpoints: each lab, and shared (the hub's own). */
export function checkpointDirs(): { name: string; dir: string }[] {
  return [...listLabs().map((lab) => ({ name: `lab ${lab.name}`, dir: lab.dir })), { name: 'shared (the hub)', dir: join(repoRoot, 'shared') }];
}

/** Counts every workspace's checkpoints; one with no report, or a test file that did not load, counts as failed. */
export function checkpointSummary() {
  let passed = 0;
  let failed = 0;
  const problems: string[] = [];
  for (const { name, dir } of checkpointDirs()) {
    const report = readReport(resultsFile(dir));
    if (!report) {
      failed += 1;
      problems.push(`${name} has no checkpoint report: its tests did not run`);
      continue;
    }
    passed += report.checkpoints.filter((c) => c.passed).length;
    failed += report.checkpoints.filter((c) => !c.passed).length + report.brokenFiles.length;
    for (const broken of report.brokenFiles) problems.push(`${broken.file} did not load: ${broken.message}`);
  }
  return { passed, failed, problems, line: `Checkpoints: ${passed} passed, ${failed} failed` };
}
