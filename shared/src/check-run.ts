// The checkpoint runner behind `npm run check`: vitest in this process (its Node API), so that a
// watch keeps one warm runner, and one Chromium shared by every browser checkpoint of the run.
// It reports each checkpoint, every line the lab printed to stderr, and every uncaught error.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { BrowserServer } from 'playwright-core';
import type { Reporter, TestModule, TestSpecification, Vitest } from 'vitest/node';
import type { Checkpoint } from './checkpoints.ts';
import { repoRoot } from './labs.ts';
import { CHROMIUM_ARGS, chromiumPath } from './testing-chromium.ts';

/** The kinds of checkpoint file, in the order a learner meets them; a crash test (crash.test.ts) starts a lab process, so it waits for the server's. */
export const GROUPS = ['server', 'crash', 'jsdom', 'chromium'] as const;
export type Group = (typeof GROUPS)[number];
export const groupOf = (file: string): Group => {
  const name = file.split('/').pop() ?? file;
  return GROUPS.find((group) => name.includes(group)) ?? 'server';
};

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
  close(): Promise<void>;
}

/**
 * One vitest for `dir` (a lab or its practice copy), kept until close(). `env` reaches the
 * checkpoints (they run in vitest's workers, which inherit this process's environment). `keepWarm`
 * (a watch) starts the browser at once, for every run to come.
 */
export async function startRunner(dir: string, env: Record<string, string>, { keepWarm = false } = {}): Promise<CheckRunner> {
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
  let logs: { content: string; taskId?: string }[] = [];
  let uncaught: RunResult['uncaught'] = [];
  let lastRun: ReturnType<typeof readModules> = { checkpoints: [], brokenFiles: [] };
  const reporter: Reporter = {
    onUserConsoleLog(log) {
      if (log.type === 'stderr') logs.push({ content: log.content, taskId: log.taskId });
    },
    onTestRunEnd(testModules, unhandledErrors) {
      // Read now: vitest reuses these objects on the next run.
      lastRun = readModules(testModules);
      // What a passing checkpoint printed was expected (it provoked a failure on purpose): only the
      // output of failing checkpoints, or of no checkpoint at all, can tell the cause.
      const passed = new Set<string>();
      for (const module of testModules) {
        for (const test of module.children.allTests()) if (test.result().state === 'passed') passed.add(test.id);
      }
      stderr.push(...logs.filter((log) => !log.taskId || !passed.has(log.taskId)).map((log) => log.content));
      logs = [];
      uncaught.push(...unhandledErrors.map((error) => ({ message: String(error.message), stack: error.stack })));
    },
  };
  // A vitest instance for one run: a fresh one never runs a stale module. The browser and this
  // process stay warm.
  let current: Promise<{ vitest: Vitest; specs: TestSpecification[] }> | undefined;
  const ready = () => {
    current ??= (async () => {
      const vitest = await createVitest(
        'test',
        { root: dir, watch: false, reporters: [reporter], outputFile: {} },
        // The labs' vitest.config.ts imports TypeScript: load it the way `vitest --configLoader runner` does.
        { configLoader: 'runner' } as object,
      );
      return { vitest, specs: await vitest.globTestSpecifications() };
    })();
    return current;
  };
  await ready();

  return {
    async run({ bail }) {
      const { vitest, specs } = await ready();
      stderr = [];
      uncaught = [];
      const checkpoints: Checkpoint[] = [];
      const brokenFiles: RunResult['brokenFiles'] = [];
      const notRun: RunResult['notRun'] = [];
      const runGroup = async (group: TestSpecification[]) => {
        if (group.length === 0) return;
        if (group.some((spec) => groupOf(spec.moduleId) === 'chromium')) {
          const server = await startBrowser();
          // The checkpoints read it with vitest's inject(): workers do not see this process's later env.
          if (server) vitest.getRootProject().provide('checkpointChromiumWs', server.wsEndpoint());
        }
        lastRun = { checkpoints: [], brokenFiles: [] };
        await vitest.runTestSpecifications(group, false);
        checkpoints.push(...lastRun.checkpoints);
        brokenFiles.push(...lastRun.brokenFiles);
      };
      const failing = () => brokenFiles.length > 0 || checkpoints.some((checkpoint) => !checkpoint.passed);
      if (bail) {
        // The server's checkpoints first, then the page in jsdom, then in Chromium, each only once the
        // one before passes: a learner fixes one thing at a time, and a failing server fails the pages anyway.
        const inGroup = (group: string) => specs.filter((spec) => groupOf(spec.moduleId) === group);
        const needsBrowser = inGroup('chromium').length > 0;
        // A watch starts the browser while the server's checkpoints run; a single check once the server passes.
        if (keepWarm && needsBrowser) void startBrowser();
        for (const group of GROUPS) {
          if (failing()) {
            notRun.push(
              ...inGroup(group).map((spec) => ({
                group,
                file: relative(repoRoot, spec.moduleId),
                titles: titlesIn(spec.moduleId),
              })),
            );
            continue;
          }
          if (group === 'jsdom' && needsBrowser) void startBrowser();
          await runGroup(inGroup(group));
        }
      } else {
        void startBrowser();
        await runGroup(specs);
      }
      // A vitest that has run holds the modules it ran: the next run gets a fresh one, which a watch
      // makes now, while the learner edits, so that a save pays only for the checkpoints.
      const used = current;
      current = undefined;
      void used?.then(({ vitest: done }) => done.close());
      if (keepWarm) void ready();
      return { checkpoints, brokenFiles, notRun, stderr, uncaught };
    },
    async close() {
      await (await current)?.vitest.close();
      await (await browser)?.close();
    },
  };
}

/** The titles of a test file's checkpoints, read from its text (it('…') or it("…")), without running it. */
function titlesIn(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*it\((['"])((?:\\.|(?!\1).)*)\1/gm)].map((match) => match[2]!.replace(/\\(['"])/g, '$1'));
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

/** Playwright is loaded only when a run needs the browser: importing it costs half a second. */
async function launchSharedChromium(): Promise<BrowserServer | undefined> {
  const { chromium } = await import('playwright-core');
  return chromium.launchServer({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS }).catch(() => undefined);
}
