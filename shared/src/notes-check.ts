// The notes and the checkpoints must say the same thing. Each lab's notes have a
// "## Checkpoints" list; each bullet is the exact title of one of that lab's tests, and
// each test title is a bullet. README.md links every lab's notes in its lab table.
// The Chinese notes in docs/zh/ must be the English notes' twins (translation-check.ts), every
// practice region must carry its task and hints in both languages (practice.ts), a snippet that
// claims to be a practice region's answer must be it (answer-check.ts), and the cheat sheet's
// proofs must be checkpoints its labs' notes list (cheatsheet-check.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCheatsheets } from './cheatsheet-check.ts';
import { readReport } from './checkpoints.ts';
import { listLabs, repoRoot } from './labs.ts';
import { labRegionLanguageProblems } from './practice.ts';
import { resultsFile } from './summary.ts';
import { checkTranslations, linksMissing } from './translation-check.ts';
import { checkAnswers } from './answer-check.ts';

export function checkpointBullets(notes: string): string[] | undefined {
  const lines = notes.split('\n');
  const start = lines.findIndex((line) => /^## Checkpoints\s*$/.test(line));
  if (start < 0) return undefined;
  const bullets: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2} /.test(line)) break;
    const bullet = /^[-*] (.+)$/.exec(line);
    if (bullet) bullets.push(bullet[1]!.trim());
  }
  return bullets;
}

/** Relative links in README.md and docs/*.md must point at files that exist. */
function brokenLinks(): string[] {
  const files = [
    'README.md',
    ...readdirSync(join(repoRoot, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return files.flatMap((file) => linksMissing(repoRoot, file));
}

/** Every mismatch between notes, tests and README, as sentences. Empty means all agree. */
export function checkNotes(): string[] {
  const problems: string[] = [
    ...brokenLinks(),
    ...checkTranslations(repoRoot),
    ...checkAnswers(repoRoot),
    ...listLabs().flatMap((lab) => labRegionLanguageProblems(lab.dir, lab.name)),
    ...checkCheatsheets(repoRoot, (notes) => {
      const lab = listLabs().find((l) => `${l.name}.md` === notes);
      return lab && existsSync(lab.notes) ? checkpointBullets(readFileSync(lab.notes, 'utf8')) : undefined;
    }),
  ];
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const index = existsSync(join(repoRoot, 'docs', 'index.md')) ? readFileSync(join(repoRoot, 'docs', 'index.md'), 'utf8') : '';
  for (const lab of listLabs()) {
    const notesPath = `docs/${lab.name}.md`;
    if (!readme.includes(`(${notesPath})`)) problems.push(`README.md's lab table has no row linking ${notesPath}`);
    if (!index.includes(`(${lab.name}.md)`)) problems.push(`docs/index.md does not link ${lab.name}.md`);
    if (!existsSync(lab.notes)) {
      problems.push(`${notesPath} is missing`);
      continue;
    }
    const bullets = checkpointBullets(readFileSync(lab.notes, 'utf8'));
    if (!bullets) {
      problems.push(`${notesPath} has no "## Checkpoints" section`);
      continue;
    }
    const report = readReport(resultsFile(lab.dir));
    if (!report) {
      problems.push(`${lab.name} has no test report to compare its notes with (run its tests first)`);
      continue;
    }
    const titles = report.checkpoints.map((c) => c.title);
    const seen = new Set<string>();
    for (const title of titles) {
      if (seen.has(title)) problems.push(`${lab.name}: two tests share the title "${title}"`);
      seen.add(title);
      if (!bullets.includes(title))
        problems.push(`${lab.name}: test "${title}" is not listed under ## Checkpoints in ${notesPath}`);
    }
    for (const bullet of bullets) {
      if (!seen.has(bullet))
        problems.push(`${notesPath}: checkpoint "${bullet}" is not the title of any test in steps/${lab.name}/test`);
    }
  }
  return problems;
}
