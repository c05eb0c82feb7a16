// Where things are: the repository, its labs, and their notes.
// Every command-line tool finds a lab through findLab(), so "01", "1" and "01-send-vs-emit" all work.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const stepsDir = join(repoRoot, 'steps');
export const docsDir = join(repoRoot, 'docs');
// PRACTICE_DIR moves the learner's copies elsewhere: the hub's checkpoints use a temporary one.
export const practiceRoot = process.env.PRACTICE_DIR ? resolve(process.env.PRACTICE_DIR) : join(repoRoot, 'practice');

/** Folders of a lab that are not its source: installs, reports and local databases. The practice copy and the hub skip them. */
export const NOT_SOURCE = new Set(['node_modules', '.checkpoints', '.turbo', 'data']);

/** What a lab's package.json says about it, under the "lab" key. */
export interface LabManifest {
  title: string;
  concept: string;
  port: number;
  /** Flags `npm start` (the hub) runs this lab with: labs 09 and 10 run as two nodes (3009 and 3019, 3010 and 3020). */
  hubArgs?: string[];
}

export interface LabInfo extends LabManifest {
  /** "01" */
  number: string;
  /** "01-send-vs-emit" */
  name: string;
  /** steps/01-send-vs-emit */
  dir: string;
  /** docs/01-send-vs-emit.md */
  notes: string;
  /** practice/01-send-vs-emit, which exists once the learner ran `npm run practice`. */
  practiceDir: string;
}

export function readManifest(labDir: string): LabManifest {
  const pkg = JSON.parse(readFileSync(join(labDir, 'package.json'), 'utf8'));
  const lab = pkg.lab as LabManifest | undefined;
  if (!lab || typeof lab.port !== 'number' || typeof lab.title !== 'string') {
    throw new Error(`${labDir}/package.json needs a "lab": { "title", "concept", "port" } entry`);
  }
  return lab;
}

export function listLabs(): LabInfo[] {
  return readdirSync(stepsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
    .filter((entry) => existsSync(join(stepsDir, entry.name, 'package.json')))
    .map((entry) => {
      const dir = join(stepsDir, entry.name);
      return {
        ...readManifest(dir),
        number: entry.name.slice(0, 2),
        name: entry.name,
        dir,
        notes: join(docsDir, `${entry.name}.md`),
        practiceDir: join(practiceRoot, entry.name),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Accepts "01", "1" or "01-send-vs-emit"; anything else is an error that lists the labs. */
export function findLab(query: string | undefined): LabInfo {
  const labs = listLabs();
  const wanted = (query ?? '').trim();
  const padded = /^\d+$/.test(wanted) ? wanted.padStart(2, '0') : wanted;
  const lab = labs.find((l) => l.number === padded || l.name === wanted);
  if (!lab) {
    const list = labs.map((l) => `  ${l.number}  ${l.name.padEnd(22)} ${l.title}`).join('\n');
    throw new UserError(
      `${wanted ? `There is no lab "${wanted}".` : 'Which lab?'} Give its number or folder name, e.g. \`npm run lab -- 01\`.\nThe labs:\n${list}`,
    );
  }
  return lab;
}

/** An error meant for the learner: the tools print its message alone, without a stack trace. */
export class UserError extends Error {}

/** Runs a command-line tool's main function, printing UserErrors plainly. */
export async function runTool(main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main();
    if (typeof code === 'number') process.exitCode = code;
  } catch (error) {
    if (error instanceof UserError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
