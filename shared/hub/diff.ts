// "What this lab adds": the lab before it against this one, file by file, with jsdiff.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import { labFiles } from './files.ts';

export interface DiffLine {
  kind: 'add' | 'del' | 'same';
  text: string;
}

export interface FileDiff {
  file: string;
  status: 'added' | 'removed' | 'changed';
  hunks: { header: string; lines: DiffLine[] }[];
}

function read(root: string, file: string): string {
  const path = join(root, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/**
 * Every file that differs between two lab folders. Files that name the lab
 * (package.json, tsconfig.json) differ only by its name and are left out when that is all.
 */
export function diffLabs(fromDir: string, toDir: string, { withTests = true } = {}): FileDiff[] {
  const before = new Set(labFiles(fromDir, { withTests }));
  const after = labFiles(toDir, { withTests });
  // Computed again only when a file was added, removed or saved.
  const signature = [
    ...[...before].map((file) => `${file}@${statSync(join(fromDir, file)).mtimeMs}`),
    ...after.map((file) => `${file}@${statSync(join(toDir, file)).mtimeMs}`),
  ].join('|');
  const key = `${fromDir}→${toDir}:${withTests}`;
  const cached = computed.get(key);
  if (cached?.signature === signature) return cached.diffs;
  const diffs = compute(fromDir, toDir, before, after);
  computed.set(key, { signature, diffs });
  return diffs;
}

const computed = new Map<string, { signature: string; diffs: FileDiff[] }>();

function compute(fromDir: string, toDir: string, before: Set<string>, after: string[]): FileDiff[] {
  const files = [...after, ...[...before].filter((file) => !after.includes(file))];
  const diffs: FileDiff[] = [];
  for (const file of files) {
    const oldText = before.has(file) ? read(fromDir, file) : '';
    const newText = after.includes(file) ? read(toDir, file) : '';
    if (oldText === newText) continue;
    const patch = structuredPatch(file, file, oldText, newText, '', '', { context: 3 });
    const hunks = patch.hunks.map((hunk) => ({
      header: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
      lines: hunk.lines
        .filter((line) => !line.startsWith('\\'))
        .map((line): DiffLine => ({ kind: line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : 'same', text: line.slice(1) })),
    }));
    diffs.push({ file, status: !before.has(file) ? 'added' : !after.includes(file) ? 'removed' : 'changed', hunks });
  }
  return diffs;
}
