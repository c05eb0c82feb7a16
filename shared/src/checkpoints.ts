// Runs a lab's checkpoints (its vitest tests) and reads vitest's JSON report back,
// for the tools that grade: check, progress, the honesty gate and the summary line.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './labs.ts';

/** Part of every error a checkpoint provokes on purpose, so that check never shows it as the learner's. */
export const PROVOKED = 'provoked by a checkpoint';

export interface Checkpoint {
  title: string;
  file: string;
  passed: boolean;
  /** First line of the failure, if it failed. */
  failure?: string;
}

export interface CheckpointReport {
  checkpoints: Checkpoint[];
  /** Test files that could not even load (a syntax error, a failed beforeAll). */
  brokenFiles: { file: string; message: string }[];
}

interface VitestJson {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { title: string; status: string; failureMessages?: string[] }[];
  }[];
}

export function readReport(reportFile: string): CheckpointReport | undefined {
  if (!existsSync(reportFile)) return undefined;
  const json = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestJson;
  const checkpoints: Checkpoint[] = [];
  const brokenFiles: CheckpointReport['brokenFiles'] = [];
  for (const file of json.testResults) {
    const name = relative(repoRoot, file.name);
    for (const test of file.assertionResults) {
      if (test.status !== 'passed' && test.status !== 'failed') continue;
      checkpoints.push({
        title: test.title,
        file: name,
        passed: test.status === 'passed',
        failure: test.failureMessages?.[0]?.split('\n')[0],
      });
    }
    if (file.status === 'failed' && file.message) brokenFiles.push({ file: name, message: file.message.split('\n')[0]! });
  }
  return { checkpoints, brokenFiles };
}

/** Runs the checkpoints found under `dir`, quietly, and returns what vitest reported. */
export async function runCheckpoints(
  dir: string,
  { bail = false, showOutput = false, env = {} as NodeJS.ProcessEnv } = {},
): Promise<CheckpointReport & { exitCode: number }> {
  // The shared vitest config writes its JSON report here.
  const reportFile = join(dir, '.checkpoints', 'results.json');
  rmSync(reportFile, { force: true });
  const vitest = join(repoRoot, 'node_modules', '.bin', 'vitest');
  const args = ['run', '--configLoader', 'runner', '--root', dir, '--reporter=json'];
  if (bail) args.push('--bail=1');
  if (showOutput) args.push('--reporter=default');
  const exitCode = await new Promise<number>((resolve) => {
    const child = spawn(vitest, args, { cwd: dir, stdio: showOutput ? 'inherit' : 'ignore', env: { ...process.env, ...env } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
  const report = readReport(reportFile) ?? {
    checkpoints: [],
    brokenFiles: [{ file: relative(repoRoot, dir), message: `vitest exited with ${exitCode} and wrote no report` }],
  };
  return { ...report, exitCode };
}
