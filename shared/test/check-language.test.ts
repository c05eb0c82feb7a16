// `LANG=zh_CN.UTF-8 npm run check -- 01` on a practice copy prints Chinese: the practice copy's TODOs,
// check's own sentences (its headings, the score, the TODO the failures point at) and the TODO's hint.
// The real commands, on a real practice copy of lab 01 with every TODO open, in a folder of its own.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from '@labs/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLab, repoRoot } from '../src/labs.ts';
import { listRegions } from '../src/practice.ts';
import { checkpointTranslations } from '../src/translation-check.ts';

// .honesty/ is git-ignored scratch space two levels above the copy, as practice/ is: the copy's
// tsconfig extends ../../tsconfig.base.json. The honesty gate's own copies are named NN-name--…, never NN-name.
const practiceDir = join(repoRoot, '.honesty');
const copy = join(practiceDir, '01-send-vs-emit');
beforeAll(() => rmSync(copy, { recursive: true, force: true }));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs one of the course's commands as a learner would, in Chinese; resolves with its output and exit code. */
async function run(tool: string, ...args: string[]) {
  // A clean environment: the learner's, not this test worker's (vitest's own variables stay out).
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'zh_CN.UTF-8', PRACTICE_DIR: practiceDir };
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  try {
    const { stdout } = await promisify(execFile)(tsx, [join(repoRoot, 'shared', 'cli', `${tool}.ts`), ...args], {
      cwd: repoRoot,
      env,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The processes whose environment says PRACTICE_DIR=dir: the ones a command run by run() started. */
function startedBy(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`PRACTICE_DIR=${dir}`))
        found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
    } catch {
      // gone already, or not ours to read
    }
  }
  return found;
}

describe('the course in Chinese, on the command line', () => {
  it('LANG=zh_CN.UTF-8: npm run practice -- 01 and npm run check -- 01 on its copy speak Chinese', {
    timeout: 180_000,
  }, async () => {
    const where = relative(repoRoot, copy);
    const practice = await run('practice', '01');
    expect(practice.stdout, `npm run practice to answer in Chinese, but it printed:\n${practice.stdout}`).toContain(
      `实验 01 · send vs emit：你的练习副本在 ${where}/，共 3 个 TODO：`,
    );
    expect(readFileSync(join(copy, 'src', 'server.ts'), 'utf8')).toContain(
      '// TODO(01.1): 把这个值发回给 "/" 上的每个客户端，发送者也包括在内  （完成后删掉这一行 TODO）',
    );

    const check = await run('check', '01');
    const said = `npm run check to answer in Chinese, but it printed:\n${check.stdout}`;
    // check exits at once: vitest's workers, Chromium and any lab they started must go with it.
    await eventually(
      () => startedBy(practiceDir).length === 0,
      () => `every process npm run check started to have exited, but these still run: ${startedBy(practiceDir).join('; ')}`,
    );
    expect(check.code, said).toBe(1);
    expect(check.stdout, said).toContain(`实验 01 · send vs emit：正在检查你的练习副本 ${where}/ …`);
    expect(check.stdout, said).toContain('服务器，通过 node 里的 socket.io 客户端：');
    expect(check.stdout, said).toMatch(/\n\d+ 个检查点中通过了 \d+ 个/);
    // Which TODO the failures point at is the region map's call; whichever it is, it is said in Chinese,
    // with that region's Chinese task and first Chinese hint.
    const suspect = /失败的检查点指向 (01\.\d)（(\S+) 中的 TODO\(\1\)）：(.+)/.exec(check.stdout);
    expect(suspect, said).not.toBeNull();
    const region = listRegions(findLab('01').dir).find((r) => r.id === suspect![1])!;
    expect(suspect![2]!.startsWith(`${where}/${region.file}:`), said).toBe(true);
    expect(suspect![3], said).toBe(region.zh.task);
    expect(check.stdout, said).toContain(`  提示 1：${region.zh.hints[0]}`);
    expect(check.stdout, said).toContain('  完成了一个 TODO？删掉它的 TODO 行。');
    // Each checkpoint keeps its English title, its name in the notes and the tests, beside the Chinese note's translation.
    const translations = [...checkpointTranslations(join(repoRoot, 'docs', 'zh', '01-send-vs-emit.md'))];
    const results = check.stdout.split('\n').filter((line) => /^(✅|❌|⏸) +[a-z]/i.test(line));
    expect(results.length, said).toBeGreaterThan(0);
    expect(
      results.filter((line) => !translations.some(([title, zh]) => line.endsWith(`${title} — ${zh}`))),
      'every ✅/❌/⏸ line to end with its title and the Chinese translation from docs/zh/01-send-vs-emit.md',
    ).toEqual([]);
  });
});
