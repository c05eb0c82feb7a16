// Practice copies from one source, the way nbgrader cuts student notebooks from the solution.
//
// In a lab's solution, a region a learner must write looks like this:
//
//   // #region practice 01.1: send the value back to every client
//   // hint: a nudge
//   // hint: almost the answer
//   // stub: return [];            <- kept, uncommented, so the practice copy still compiles
//   io.send(value);
//   // #endregion
//
// The practice copy replaces it with a numbered TODO and the first hint; `npm run check`
// shows the next hints when a checkpoint fails. Nobody keeps the practice copy by hand.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface PracticeRegion {
  /** "01.1" */
  id: string;
  /** What the learner writes, in one line. */
  task: string;
  hints: string[];
  /** Path relative to the lab folder. */
  file: string;
  line: number;
}

const BEGIN = /^(\s*)\/\/ #region practice (\d\d\.\d+): (.+)$/;
const END = /^\s*\/\/ #endregion\s*$/;
const HINT = /^\s*\/\/ hint: (.*)$/;
const STUB = /^(\s*)\/\/ stub: (.*)$/;

/** Folders of a lab that a copy leaves out: installs, reports and local databases. */
const NOT_COPIED = new Set(['node_modules', '.checkpoints', '.turbo', 'data']);

function sourceFiles(labDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (NOT_COPIED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|html)$/.test(entry.name) && !path.includes(`${labDir}/test/`)) files.push(path);
    }
  };
  walk(labDir);
  return files;
}

/** Every practice region of a lab, in the order of their numbers. */
export function listRegions(labDir: string): PracticeRegion[] {
  const regions: PracticeRegion[] = [];
  for (const file of sourceFiles(labDir)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const begin = BEGIN.exec(text);
      if (!begin) return;
      const hints: string[] = [];
      for (let i = index + 1; i < lines.length && !END.test(lines[i]!); i++) {
        const hint = HINT.exec(lines[i]!);
        if (hint) hints.push(hint[1]!);
      }
      regions.push({ id: begin[2]!, task: begin[3]!, hints, file: relative(labDir, file), line: index + 1 });
    });
  }
  return regions.sort((a, b) => compareIds(a.id, b.id));
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
export function cutRegions(text: string, shouldCut: (id: string) => boolean, file = '(text)'): string {
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
      out.push(...body.filter((line) => !HINT.test(line) && !STUB.test(line)));
      continue;
    }
    const firstHint = body.map((line) => HINT.exec(line)?.[1]).find(Boolean);
    out.push(`${indent}// TODO(${id}): ${task}  (delete this TODO line once it is done)`);
    if (firstHint) out.push(`${indent}//   Hint: ${firstHint}`);
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
export function writePracticeCopy(labDir: string, outDir: string, shouldCut: (id: string) => boolean) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(labDir, outDir, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(source.split('/').pop()!),
  });
  for (const file of sourceFiles(labDir)) {
    const target = join(outDir, relative(labDir, file));
    writeFileSync(target, cutRegions(readFileSync(file, 'utf8'), shouldCut, relative(labDir, file)));
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

/** The solution's code of region `id` in a lab: its lines without markers, hints and stubs. */
export function regionCode(labDir: string, id: string): string[] | undefined {
  for (const file of sourceFiles(labDir)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const start = lines.findIndex((text) => BEGIN.exec(text)?.[2] === id);
    if (start < 0) continue;
    const end = lines.findIndex((text, index) => index > start && END.test(text));
    return lines.slice(start + 1, end).filter((line) => !HINT.test(line) && !STUB.test(line));
  }
  return undefined;
}
