// The cheat sheet (docs/cheatsheet.md and docs/zh/cheatsheet.md) is held to the labs: each row of its
// table is proved by checkpoints, written ✓ `exact title` after a link to the lab's notes, or says that
// it is not taught here. Every ✓ title must be a checkpoint that lab's notes list, and the Chinese table
// must have the same rows proved by the same checkpoints. notes-check runs this.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHEATSHEETS = [
  { path: 'docs/cheatsheet.md', notTaught: 'not taught here' },
  { path: 'docs/zh/cheatsheet.md', notTaught: '本课程没有讲' },
] as const;

/** A checkpoint a row cites: the lab's notes file ("05-rooms.md") and the title. */
export interface Proof {
  notes: string;
  title: string;
}

interface Row {
  line: number;
  proofs: Proof[];
  notTaught: boolean;
  /** ✓ titles that come before any link to a lab's notes. */
  orphans: string[];
}

/** The body rows of the first markdown table in `markdown` (the header and its --- line left out). */
export function tableRows(markdown: string, notTaught: string): Row[] {
  const rows: Row[] = [];
  let state: 'before' | 'header' | 'body' | 'after' = 'before';
  markdown.split('\n').forEach((text, index) => {
    if (state === 'after') return;
    if (!text.startsWith('|')) {
      if (state !== 'before') state = 'after';
      return;
    }
    if (state === 'before') {
      state = 'header';
      return;
    }
    if (state === 'header') {
      state = 'body';
      if (/^\|[\s|:-]+$/.test(text.trim())) return;
    }
    const proofs: Proof[] = [];
    const orphans: string[] = [];
    let notes: string | undefined;
    for (const match of text.matchAll(/\]\((?:\.\.\/)?(\d\d-[a-z0-9-]+\.md)\)|✓ `([^`]+)`/g)) {
      if (match[1]) notes = match[1];
      else if (notes) proofs.push({ notes, title: match[2]! });
      else orphans.push(match[2]!);
    }
    rows.push({ line: index + 1, proofs, notTaught: text.toLowerCase().includes(notTaught.toLowerCase()), orphans });
  });
  return rows;
}

/**
 * Every way the cheat sheets disagree with the labs or with each other, as sentences.
 * `checkpointsOf(notes)` gives the checkpoint titles a lab's notes list ("05-rooms.md"), or undefined.
 */
export function checkCheatsheets(root: string, checkpointsOf: (notes: string) => string[] | undefined): string[] {
  const problems: string[] = [];
  const tables: Row[][] = [];
  for (const { path, notTaught } of CHEATSHEETS) {
    if (!existsSync(join(root, path))) {
      problems.push(`${path} is missing: the cheat sheet comes in both languages`);
      continue;
    }
    const rows = tableRows(readFileSync(join(root, path), 'utf8'), notTaught);
    if (rows.length === 0) problems.push(`${path} has no table`);
    for (const row of rows) {
      const at = `${path}:${row.line}`;
      if (row.proofs.length === 0 && !row.notTaught)
        problems.push(`${at}: a row with no ✓ checkpoint must say "${notTaught}" and name its source`);
      for (const title of row.orphans) problems.push(`${at}: ✓ \`${title}\` comes before any link to a lab's notes`);
      for (const { notes, title } of row.proofs) {
        const titles = checkpointsOf(notes);
        if (!titles) problems.push(`${at}: ✓ \`${title}\` cites ${notes}, which is not a lab's notes`);
        else if (!titles.includes(title)) problems.push(`${at}: ✓ \`${title}\` is not a checkpoint of ${notes}`);
      }
    }
    tables.push(rows);
  }
  const [en, zh] = tables;
  if (en && zh) {
    if (en.length !== zh.length)
      problems.push(
        `${CHEATSHEETS[0].path} has ${en.length} rows and ${CHEATSHEETS[1].path} has ${zh.length}: the same rows in both languages`,
      );
    const key = (row: Row) => row.proofs.map((p) => `${p.notes} ${p.title}`).join(' | ');
    for (let i = 0; i < Math.min(en.length, zh.length); i++) {
      if (key(en[i]!) !== key(zh[i]!))
        problems.push(
          `row ${i + 1} of ${CHEATSHEETS[1].path} (line ${zh[i]!.line}) cites other checkpoints than row ${i + 1} of ${CHEATSHEETS[0].path} (line ${en[i]!.line}): the same proofs, in the same order`,
        );
    }
  }
  return problems;
}
