import { join } from 'node:path';
import { readReport } from './checkpoints.ts';
import { listLabs, repoRoot } from './labs.ts';

export const resultsFile = (labDir: string) => join(labDir, '.checkpoints', 'results.json');

/** Every folder whose checkpoints count: each lab, and shared/ for the test kit's own. */
export const checkpointDirs = () => [...listLabs().map((lab) => ({ name: lab.name, dir: lab.dir })), { name: 'shared', dir: join(repoRoot, 'shared') }];

/** Counts every lab's checkpoints; a lab with no report, or a test file that did not load, counts as failed. */
export function checkpointSummary() {
  let passed = 0;
  let failed = 0;
  const problems: string[] = [];
  for (const lab of checkpointDirs()) {
    const report = readReport(resultsFile(lab.dir));
    if (!report) {
      failed += 1;
      problems.push(`${lab.name} has no checkpoint report: its tests did not run`);
      continue;
    }
    passed += report.checkpoints.filter((c) => c.passed).length;
    failed += report.checkpoints.filter((c) => !c.passed).length + report.brokenFiles.length;
    for (const broken of report.brokenFiles) problems.push(`${broken.file} did not load: ${broken.message}`);
  }
  return { passed, failed, problems, line: `Checkpoints: ${passed} passed, ${failed} failed` };
}
