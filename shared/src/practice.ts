// Practice copies from one source, the way nbgrader cuts student notebooks from the solution.
//
// In a lab's solution, a region a learner must write looks like this:
//
//   // #region practice 01.1: send the value back to every client
//   // 任务: 把这个值发回给每个客户端     <- the task in Chinese, right under the region line
//   // hint: a nudge
//   // 提示: 中文的提示                  <- each hint's Chinese twin, on the line after it
//   // hint: almost the answer
//   // 提示: 几乎就是答案
//   // stub: return [];            <- kept, uncommented, so the practice copy still compiles
//   io.send(value);
//   // #endregion
//
// The practice copy replaces it with a numbered TODO and the first hint, in the learner's language;
// `npm run check` shows the next hints when a checkpoint fails. Nobody keeps the practice copy by hand.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { messages } from './check-messages.ts';
import type { Language } from './language.ts';
import { NOT_SOURCE, repoRoot } from './labs.ts';

export interface PracticeRegion {
  /** "01.1" */
  id: string;
  /** What the learner writes, in one line. */
  task: string;
  hints: string[];
  /** The same task and hints in Chinese, from the `// 任务:` and `// 提示:` lines. */
  zh: { task: string | undefined; hints: string[] };
  /** Path relative to the lab folder. */
  file: string;
  line: number;
}

const BEGIN = /^(\s*)\/\/ #region practice (\d\d\.\d+): (.+)$/;
const END = /^\s*\/\/ #endregion\s*$/;
const HINT = /^\s*\/\/ hint: (.*)$/;
const STUB = /^(\s*)\/\/ stub: (.*)$/;
const TASK_ZH = /^\s*\/\/ 任务[:：] ?(.*)$/;
const HINT_ZH = /^\s*\/\/ 提示[:：] ?(.*)$/;
/** Every marker line that only the solution keeps: a practice copy drops them all. */
const isMarker = (line: string) => HINT.test(line) || STUB.test(line) || TASK_ZH.test(line) || HINT_ZH.test(line);

function sourceFiles(labDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (NOT_SOURCE.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|html)$/.test(entry.name) && !path.includes(`${labDir}/test/`)) files.push(path);
    }
  };
  walk(labDir);
  return files;
}

/**
 * A lab's own regions are numbered after it (09.1 in steps/09-…). A region numbered for an earlier
 * lab is code that lab taught, carried over already solved: never cut, never listed, only unmarked.
 */
const isOwnRegion = (labDir: string, id: string) => id.startsWith(`${basename(labDir).slice(0, 2)}.`);

/** Every practice region of a lab, in the order of their numbers. */
export function listRegions(labDir: string): PracticeRegion[] {
  const regions: PracticeRegion[] = [];
  for (const file of sourceFiles(labDir)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const begin = BEGIN.exec(text);
      if (!begin) return;
      const hints: string[] = [];
      const zh: PracticeRegion['zh'] = { task: undefined, hints: [] };
      for (let i = index + 1; i < lines.length && !END.test(lines[i]!); i++) {
        const hint = HINT.exec(lines[i]!);
        if (hint) hints.push(hint[1]!);
        const hintZh = HINT_ZH.exec(lines[i]!);
        if (hintZh) zh.hints.push(hintZh[1]!);
        const taskZh = TASK_ZH.exec(lines[i]!);
        if (taskZh) zh.task = taskZh[1]!;
      }
      if (isOwnRegion(labDir, begin[2]!))
        regions.push({ id: begin[2]!, task: begin[3]!, hints, zh, file: relative(labDir, file), line: index + 1 });
    });
  }
  return regions.sort((a, b) => compareIds(a.id, b.id));
}

/** A region's task and hints in `language`; English where a Chinese line is missing. */
export function inLanguage(region: PracticeRegion, language: Language): { task: string; hints: string[] } {
  if (language === 'en') return { task: region.task, hints: region.hints };
  return {
    task: region.zh.task ?? region.task,
    hints: region.hints.map((hint, i) => region.zh.hints[i] ?? hint),
  };
}

/**
 * Every practice region of one file must speak both languages, kept next to each other so that a
 * change to one shows beside the other: a `// 任务:` line right under the region line, and a
 * `// 提示:` line right after each `// hint:`. Returns sentences; empty means the file is complete.
 */
export function regionLanguageProblems(text: string, file: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n');
  const han = /\p{Script=Han}/u;
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]!);
    if (!begin) continue;
    const id = begin[2]!;
    const at = (n: number) => `${file}:${n + 1}`;
    const task = TASK_ZH.exec(lines[i + 1] ?? '');
    if (!task) problems.push(`${at(i)}: practice region ${id} needs its task in Chinese on the next line: "// 任务: …"`);
    else if (!han.test(task[1]!)) problems.push(`${at(i + 1)}: the 任务 line of region ${id} has no Chinese in it`);
    let english = 0;
    let chinese = 0;
    for (let j = i + 1; j < lines.length && !END.test(lines[j]!); j++) {
      if (HINT.test(lines[j]!)) {
        english++;
        const twin = HINT_ZH.exec(lines[j + 1] ?? '');
        if (!twin)
          problems.push(`${at(j)}: hint ${english} of region ${id} needs its Chinese twin on the next line: "// 提示: …"`);
        else if (!han.test(twin[1]!)) problems.push(`${at(j + 1)}: the 提示 line of region ${id} has no Chinese in it`);
      } else if (HINT_ZH.test(lines[j]!)) {
        chinese++;
        if (!HINT.test(lines[j - 1] ?? ''))
          problems.push(
            `${at(j)}: a "// 提示:" line of region ${id} does not follow a "// hint:" line: keep each right after its English hint`,
          );
      } else if (TASK_ZH.test(lines[j]!) && j !== i + 1) {
        problems.push(`${at(j)}: the "// 任务:" line of region ${id} belongs right under its "// #region practice" line`);
      }
    }
    if (english !== chinese)
      problems.push(
        `${at(i)}: practice region ${id} has ${english} English hints and ${chinese} Chinese hints: the same count in both languages`,
      );
  }
  return problems;
}

/** regionLanguageProblems for every file of a lab that holds practice regions. */
export function labRegionLanguageProblems(labDir: string, labName: string): string[] {
  return sourceFiles(labDir).flatMap((file) =>
    regionLanguageProblems(readFileSync(file, 'utf8'), `steps/${labName}/${relative(labDir, file)}`),
  );
}

export function compareIds(a: string, b: string): number {
  const [la, na] = a.split('.').map(Number);
  const [lb, nb] = b.split('.').map(Number);
  return la! - lb! || na! - nb!;
}

/**
 * Rewrites one file's text: each region whose id `shouldCut` accepts becomes a TODO,
 * every other region keeps its solution code (and loses its markers).
 */
export function cutRegions(text: string, shouldCut: (id: string) => boolean, file = '(text)', language: Language = 'en'): string {
  const say = messages[language];
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]!);
    if (!begin) {
      out.push(lines[i]!);
      continue;
    }
    const [, indent, id, task] = begin;
    const body: string[] = [];
    for (i++; i < lines.length && !END.test(lines[i]!); i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`${file}: practice region ${id} has no "// #endregion"`);
    if (!shouldCut(id!)) {
      out.push(...body.filter((line) => !isMarker(line)));
      continue;
    }
    const english = body.map((line) => HINT.exec(line)?.[1]).find(Boolean);
    const chinese = body.map((line) => HINT_ZH.exec(line)?.[1]).find(Boolean);
    const zhTask = body.map((line) => TASK_ZH.exec(line)?.[1]).find(Boolean);
    const firstHint = language === 'zh' ? (chinese ?? english) : english;
    out.push(`${indent}// TODO(${id}): ${language === 'zh' ? (zhTask ?? task) : task}  ${say.todoDelete}`);
    if (firstHint) out.push(`${indent}//   ${say.todoHint}: ${firstHint}`);
    for (const line of body) {
      const stub = STUB.exec(line);
      if (stub) out.push(`${stub[1]}${stub[2]}`);
    }
  }
  return out.join('\n');
}

/**
 * Writes a copy of the lab to `outDir` with the chosen regions cut.
 * The checkpoints (test/) are copied verbatim: the practice copy is graded by the real ones.
 */
export function writePracticeCopy(labDir: string, outDir: string, shouldCut: (id: string) => boolean, language: Language = 'en') {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(labDir, outDir, {
    recursive: true,
    filter: (source) => !NOT_SOURCE.has(source.split('/').pop()!),
  });
  // The lab's tsconfig points up the tree (../../tsconfig.base.json): from a copy elsewhere, the same files by other paths.
  const tsconfig = join(outDir, 'tsconfig.json');
  if (existsSync(tsconfig)) {
    const text = readFileSync(tsconfig, 'utf8');
    writeFileSync(
      tsconfig,
      text.replace(/"(\.\.\/[^"]*)"/g, (_, path: string) => `"${relative(outDir, resolve(labDir, path))}"`),
    );
  }
  // Outside the repository no node_modules is up the tree: the copy borrows the repository's, so its imports resolve.
  if (relative(repoRoot, outDir).startsWith('..'))
    symlinkSync(join(repoRoot, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  for (const file of sourceFiles(labDir)) {
    const target = join(outDir, relative(labDir, file));
    const own = (id: string) => isOwnRegion(labDir, id) && shouldCut(id);
    writeFileSync(target, cutRegions(readFileSync(file, 'utf8'), own, relative(labDir, file), language));
  }
}

/** Copies the solution's checkpoints over the practice copy's, so they can never drift. */
export function refreshCheckpoints(labDir: string, outDir: string) {
  const tests = join(outDir, 'test');
  rmSync(tests, { recursive: true, force: true });
  cpSync(join(labDir, 'test'), tests, { recursive: true });
}

/** The TODO ids still present in a practice copy, in order. */
export function remainingTodos(practiceDir: string): string[] {
  if (!existsSync(practiceDir)) return [];
  const ids = new Set<string>();
  for (const file of sourceFiles(practiceDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\/\/ TODO\((\d\d\.\d+)\)/g)) ids.add(match[1]!);
  }
  return [...ids].sort(compareIds);
}

/**
 * The regions as TODOs of a practice copy, each with its line in the copy (not in the solution: a
 * cut region is shorter, so every line after it moves up). `line` is 0 once the TODO line is deleted.
 */
export function practiceTodos(labDir: string, practiceDir: string): PracticeRegion[] {
  return listRegions(labDir).map((region) => {
    const lines = readFileSync(join(practiceDir, region.file), 'utf8').split('\n');
    return { ...region, line: lines.findIndex((text) => text.includes(`// TODO(${region.id})`)) + 1 };
  });
}

/** The solution's code of region `id` in a lab: its lines without markers, hints (of both languages) and stubs. */
export function regionCode(labDir: string, id: string): string[] | undefined {
  for (const file of sourceFiles(labDir)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex((text) => BEGIN.exec(text)?.[2] === id);
    if (start < 0) continue;
    const end = lines.findIndex((text, index) => index > start && END.test(text));
    return lines.slice(start + 1, end).filter((line) => !isMarker(line));
  }
  return undefined;
}
