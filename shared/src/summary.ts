import { join } from 'node:path';
import { readReport } from './checkpoints.ts';
import { listLabs, repoRoot } from './labs.ts';

export const resultsFile = (labDir: string) => join(labDir, '.checkpoints', 'results.json');

/** Every workspace with checkpoints: the labs, and shared (the tests of the course's own tooling, such as lint). */
export function checkpointPackages(): { label: string; dir: string }[] {
  return [
    { label: 'shared', dir: join(repoRoot, 'shared') },
    ...listLabs().map((lab) => ({ label: `lab ${lab.name}`, dir: lab.dir })),
  ];
}

/** Counts every lab's checkpoints (and shared's); a lab with no report, or a test file that did not load, counts as failed. */
export function checkpointSummary() {
  let passed = 0;
  let failed = 0;
  const problems: string[] = [];
  for (const workspace of checkpointPackages()) {
    const report = readReport(resultsFile(workspace.dir));
    if (!report) {
      failed += 1;
      problems.push(`${workspace.label} has no checkpoint report: its tests did not run`);
      continue;
    }
    passed += report.checkpoints.filter((c) => c.passed).length;
    failed += report.checkpoints.filter((c) => !c.passed).length + report.brokenFiles.length;
    for (const broken of report.brokenFiles) problems.push(`${broken.file} did not load: ${broken.message}`);
  }
  return { passed, failed, problems, line: `Checkpoints: ${passed} passed, ${failed} failed` };
}
