// The only way the hub reads a lab's files: inside steps/, the learner's practice/ or shared/ (which
// the notes link into), never through "..", never into node_modules, never along a symlink that leads out.
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { NOT_SOURCE, practiceRoot, repoRoot, stepsDir } from '../src/labs.ts';

/** The course's plumbing, shown read-only like a lab. */
export const sharedDir = join(repoRoot, 'shared');

/** Not shown or diffed: installs, reports, databases, lock files, test fixtures and build output. */
const SKIPPED_DIRS = new Set([...NOT_SOURCE, 'fixtures', 'dist', 'build', '.git']);
const SKIPPED_FILES = /(^|\/)(package-lock\.json|.*\.lock|.*\.db(-wal|-shm)?|.*\.map|.*\.tsbuildinfo)$/;

export class Refused extends Error {}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * The real path of `relPath` under `root` (steps/NN-x, practice/NN-x or shared/), or Refused.
 * Refuses "..", installs and databases, and anything whose real path (symlinks followed) leaves `root`.
 */
export function safePath(root: string, relPath: string): string {
  const parts = relPath.split(/[\\/]+/).filter(Boolean);
  if (parts.some((part) => part === '..' || part.includes('\0'))) throw new Refused(`"${relPath}" climbs out of the lab`);
  if (parts.some((part) => NOT_SOURCE.has(part))) throw new Refused(`"${relPath}" is not source`);
  if (![stepsDir, practiceRoot, sharedDir].some((allowed) => inside(allowed, root)))
    throw new Refused(`${root} is not in steps/, practice/ or shared/`);
  const path = join(root, ...parts);
  if (!existsSync(path)) return path;
  const real = realpathSync(path);
  if (!inside(realpathSync(root), real)) throw new Refused(`"${relPath}" is a link out of the lab`);
  return real;
}

/** A lab folder's source files, relative to it, sorted: what a learner reads. Symlinks are left out. */
export function labFiles(root: string, { withTests = true } = {}): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isSymbolicLink() || SKIPPED_DIRS.has(entry.name)) continue;
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (!withTests && rel.startsWith(`test${sep}`)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !SKIPPED_FILES.test(rel)) files.push(rel);
    }
  };
  if (existsSync(root) && !lstatSync(root).isSymbolicLink()) walk(root);
  return files.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** The lesson first: the server, then the page, then the rest. */
function order(file: string): number {
  if (file === 'src/server.ts') return 0;
  if (file.startsWith('src/')) return 1;
  if (file.startsWith('page/')) return 2;
  if (file.startsWith('test/')) return 3;
  return 4;
}
