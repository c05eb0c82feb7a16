// What `npm run check` shows above the ✅/❌ list, because it is most often the cause: an exception
// in the learner's own code (with its file:line), a type error, and biome's findings (as hints).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SourceMap } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { PROVOKED } from './checkpoints.ts';
import { repoRoot } from './labs.ts';
import { bundlePage } from './page-bundle.ts';

export interface Finding {
  /** practice/07-room-chat/src/server.ts:99:27, when it is known. */
  where?: string;
  message: string;
}

/** Text without its terminal colours (vitest colours the paths in what it captured). */
const plain = (text: string) =>
  text
    .split(String.fromCharCode(27))
    .map((part, index) => (index === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');

/** Frames of a stack that point into the learner's own files (src/ or page/ of `dir`). */
function learnerFrame(text: string, dir: string): string | undefined {
  const escaped = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const frame = new RegExp(`(?:file://)?${escaped}/((?:src|page)/[^\\s:()]+):(\\d+):(\\d+)`).exec(text);
  return frame ? `${relative(repoRoot, dir)}/${frame[1]}:${frame[2]}` : undefined;
}

/** The error's own line: "ReferenceError: roomId is not defined". */
function errorLine(text: string): string | undefined {
  return /\b((?:[A-Z]\w*)?Error(?: \[\w+\])?: [^\n]+)/.exec(text)?.[1]?.trim();
}

/**
 * Exceptions thrown in the learner's code during the run: from what the labs printed on stderr (a
 * guarded handler logs the error it caught, jsdom and Chromium log page errors) and from errors
 * nobody caught. Only those with a frame in the learner's files, or thrown in the page, count.
 */
export async function runtimeErrors(
  dir: string,
  stderr: string[],
  uncaught: { message: string; stack?: string }[],
): Promise<Finding[]> {
  const found = new Map<string, Finding>();
  const add = (finding: Finding) => {
    // One exception seen twice (logged by the page, then uncaught) is one finding: "TypeError: " aside.
    const key = `${finding.message.replace(/^\w*Error: /, '')}@${finding.where ?? ''}`;
    if (!found.has(key)) found.set(key, finding);
  };
  const inPage = pageLines(dir);
  for (const raw of stderr) {
    const text = plain(raw);
    // A checkpoint that breaks the lab on purpose (a failing database) says so in its error: not the learner's.
    if (text.includes(PROVOKED)) continue;
    const where = learnerFrame(text, dir);
    const message = errorLine(text);
    if (where && message) add({ where, message });
    else if (/^page error: /m.test(text)) {
      const line = text.replace(/^[\s\S]*?page error: /, '').split('\n')[0]!;
      add({ where: (await inPage(text)) ?? 'the page (page/main.ts)', message: line });
    } else if (/Error: Uncaught \[/.test(text))
      add({ where: (await inPage(text)) ?? 'the page (page/main.ts)', message: /Uncaught \[([^\]]+)\]/.exec(text)![1]! });
  }
  for (const error of uncaught) {
    const stack = plain(error.stack ?? '');
    if (stack.includes(PROVOKED)) continue;
    const where = learnerFrame(stack, dir) ?? (await inPage(stack));
    if (where) add({ where, message: errorLine(stack) ?? error.message });
  }
  return [...found.values()];
}

/**
 * Where a page's stack points in the learner's page/*.ts: its frames point into the bundle
 * (…/main.js:line:column), and the bundle's source map, built here as the lab serves it, says which line.
 */
function pageLines(dir: string): (stack: string) => Promise<string | undefined> {
  let map: Promise<SourceMap | undefined> | undefined;
  return async (stack) => {
    const frame = /\/main\.js:(\d+):(\d+)/.exec(stack);
    if (!frame || !existsSync(join(dir, 'page', 'main.ts'))) return undefined;
    map ??= bundlePage(join(dir, 'page')).then(
      async (bundle) => {
        const { sourceMap } = await bundle.build();
        await bundle.dispose();
        return new SourceMap(JSON.parse(sourceMap));
      },
      () => undefined,
    );
    const entry = (await map)?.findEntry(Number(frame[1]) - 1, Number(frame[2]) - 1);
    if (!entry || !('originalSource' in entry)) return undefined;
    // The map's sources are relative to page/, where main.js would be: main.ts, ../../../shared/src/…
    const source = relative(dir, resolve(dir, 'page', entry.originalSource));
    if (!/^page\//.test(source)) return undefined;
    return `${relative(repoRoot, dir)}/${source}:${entry.originalLine + 1}`;
  };
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', () => resolve(output));
    child.on('error', () => resolve(''));
  });
}

/** `tsc -p` of the copy (TypeScript 7, as `npm run typecheck`): errors in the learner's files only. */
export async function typeErrors(dir: string): Promise<Finding[]> {
  const output = await run(`${repoRoot}/node_modules/.bin/tsc`, ['-p', '.', '--pretty', 'false'], dir);
  const findings: Finding[] = [];
  for (const [, file, line, message] of output.matchAll(/^((?:src|page)\/[^(\n]+)\((\d+),\d+\): error (TS\d+: [^\n]+)/gm)) {
    findings.push({ where: `${relative(repoRoot, dir)}/${file}:${line}`, message: message! });
  }
  return findings;
}

/**
 * biome's findings in the learner's files, with the course's own rules. The practice copy is outside
 * biome's view (git-ignored, and excluded in biome.jsonc), so a config of our own extends the
 * course's and looks at every file it is given.
 */
export async function lintFindings(dir: string): Promise<Finding[]> {
  const configDir = mkdtempSync(join(tmpdir(), 'check-biome-'));
  writeFileSync(
    join(configDir, 'biome.json'),
    JSON.stringify({
      extends: [join(repoRoot, 'biome.jsonc')],
      vcs: { enabled: false },
      files: { includes: ['**', '!**/node_modules'] },
    }),
  );
  const folders = ['src', 'page'].map((folder) => join(dir, folder)).filter((folder) => existsSync(folder));
  const output = await run(
    `${repoRoot}/node_modules/.bin/biome`,
    ['lint', `--config-path=${configDir}`, '--reporter=github', ...folders],
    repoRoot,
  );
  rmSync(configDir, { recursive: true, force: true });
  const findings: Finding[] = [];
  for (const [, rule, file, line, message] of output.matchAll(/^::\w+ title=([^,]+),file=([^,]+),line=(\d+)[^:]*::(.*)$/gm)) {
    findings.push({ where: `${relative(repoRoot, file!)}:${line}`, message: `${message} (${rule!.replace(/^lint\//, '')})` });
  }
  return findings;
}
