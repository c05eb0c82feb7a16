// The checkpoint runner behind `npm run check`: vitest in this process (its Node API), so that a
// watch keeps one warm runner, and one Chromium shared by every browser checkpoint of the run.
// It reports each checkpoint, every line the lab printed to stderr, and every uncaught error.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type BrowserServer, chromium } from 'playwright-core';
import type { Reporter, TestModule, TestSpecification, Vitest } from 'vitest/node';
import type { Checkpoint } from './checkpoints.ts';
import { repoRoot } from './labs.ts';
import { CHROMIUM_ARGS, chromiumPath } from './testing-chromium.ts';

/** The kinds of checkpoint file, in the order a learner meets them. */
export const GROUPS = ['server', 'jsdom', 'chromium'] as const;
export type Group = (typeof GROUPS)[number];
export const groupOf = (file: string): Group => GROUPS.find((group) => file.includes(group)) ?? 'server';

export interface RunResult {
  checkpoints: Checkpoint[];
  /** Test files that could not even load (a syntax error, a failed beforeAll). */
  brokenFiles: { file: string; message: string }[];
  /** Files left out because an earlier group failed (--bail): their checkpoints did not run. */
  notRun: { group: Group; file: string; titles: string[] }[];
  /** What the lab and its pages printed on stderr, and errors nobody caught, with their stacks. */
  stderr: string[];
  uncaught: { message: string; stack?: string }[];
}

export interface CheckRunner {
  run(options: { bail: boolean }): Promise<RunResult>;
  /** A file of the practice copy changed: its next run must not use a cached module. */
  invalidate(file: string): void;
  close(): Promise<void>;
}

/**
 * One vitest for `dir` (a lab or its practice copy), kept until close(). `env` reaches the
 * checkpoints (they run in vitest's workers, which inherit this process's environment).
 */
export async function startRunner(dir: string, env: Record<string, string>): Promise<CheckRunner> {
  Object.assign(process.env, env);
  // One browser for the whole run (a watch keeps it for every run), started while other checkpoints
  // run: the checkpoints in Chromium connect to it, which takes milliseconds where a launch takes a second.
  let browser: Promise<BrowserServer | undefined> | undefined;
  const startBrowser = () => {
    browser ??= existsSync(chromiumPath) ? launchSharedChromium() : Promise.resolve(undefined);
    return browser;
  };
  const { createVitest } = await import('vitest/node');

  let stderr: string[] = [];
  let modules: readonly TestModule[] = [];
  let uncaught: RunResult['uncaught'] = [];
  const reporter: Reporter = {
    onUserConsoleLog(log) {
      if (log.type === 'stderr') stderr.push(log.content);
      if (process.env.CHECK_DEBUG) process.stderr.write(log.content);
    },
    onTestRunEnd(testModules, unhandledErrors) {
      modules = testModules;
      uncaught.push(...unhandledErrors.map((error) => ({ message: String(error.message), stack: error.stack })));
    },
  };
  const t0 = Date.now();
  const vitest: Vitest = await createVitest(
    'test',
    { root: dir, watch: false, reporters: [reporter], outputFile: {} },
    // The labs' vitest.config.ts imports TypeScript: load it the way `vitest --configLoader runner` does.
    { configLoader: 'runner' } as object,
  );
  const specs = await vitest.globTestSpecifications();
  if (process.env.CHECK_DEBUG) console.error(`vitest ready in ${Date.now() - t0} ms`);

  const runGroup = async (group: TestSpecification[]) => {
    if (group.length === 0) return;
    if (group.some((spec) => groupOf(spec.moduleId) === 'chromium')) {
      const server = await startBrowser();
      // The checkpoints read it with vitest's inject(): workers do not see this process's later env.
      if (server) vitest.getRootProject().provide('checkpointChromiumWs', server.wsEndpoint());
    }
    const t1 = Date.now();
    await vitest.runTestSpecifications(group, false);
    if (process.env.CHECK_DEBUG) console.error(`ran ${group.length} files in ${Date.now() - t1} ms`);
    results.push(...modules);
  };
  let results: TestModule[] = [];

  return {
    async run({ bail }) {
      stderr = [];
      uncaught = [];
      results = [];
      const notRun: RunResult['notRun'] = [];
      if (bail) {
        // One group at a time, and stop at the first that fails: the learner asked for speed.
        for (const group of GROUPS) {
          const files = specs.filter((spec) => groupOf(spec.moduleId) === group);
          if (results.length > 0 && failedAny(results)) {
            notRun.push(
              ...files.map((spec) => ({ group, file: relative(repoRoot, spec.moduleId), titles: titlesIn(spec.moduleId) })),
            );
            continue;
          }
          // The browser starts while the page's jsdom checkpoints run.
          if (group === 'jsdom' && specs.some((spec) => groupOf(spec.moduleId) === 'chromium')) void startBrowser();
          await runGroup(files);
        }
      } else {
        void startBrowser();
        await runGroup(specs);
      }
      return { ...readModules(results), notRun, stderr, uncaught };
    },
    invalidate(file) {
      vitest.invalidateFile(file);
    },
    async close() {
      await vitest.close();
      await (await browser)?.close();
    },
  };
}

/** The titles of a test file's checkpoints, read from its text (it('…') or it("…")), without running it. */
function titlesIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*it\((['"])((?:\\.|(?!\1).)*)\1/gm)].map((match) => match[2]!.replace(/\\(['"])/g, '$1'));
}

function failedAny(modules: readonly TestModule[]): boolean {
  return modules.some(
    (module) => module.state() === 'failed' || [...module.children.allTests()].some((test) => test.result().state === 'failed'),
  );
}

function readModules(modules: readonly TestModule[]) {
  const checkpoints: Checkpoint[] = [];
  const brokenFiles: RunResult['brokenFiles'] = [];
  for (const module of modules) {
    const file = relative(repoRoot, module.moduleId);
    for (const test of module.children.allTests()) {
      const result = test.result();
      // A skipped or pending test did not run: it is never reported as passed.
      if (result.state !== 'passed' && result.state !== 'failed') continue;
      checkpoints.push({
        title: test.name,
        file,
        passed: result.state === 'passed',
        failure: result.state === 'failed' ? result.errors?.[0]?.message : undefined,
      });
    }
    for (const error of module.errors()) brokenFiles.push({ file, message: String(error.message).split('\n')[0]! });
  }
  return { checkpoints, brokenFiles };
}

function launchSharedChromium(): Promise<BrowserServer | undefined> {
  return chromium.launchServer({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS }).catch(() => undefined);
}
