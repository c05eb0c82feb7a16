// The Chinese notes must not drift from the English ones. Every docs/X.md (the instructors' guide and
// the bench and soak reports too) has its twin docs/zh/X.md (and back), with the same ## sections in
// the same order, the same code blocks byte for byte, and
// the same ## Checkpoints list: each bullet is the English title, " — ", then its Chinese translation,
// and as many list items and table rows in each section (a translation keeps them all).
// README.md and README.zh-CN.md are held to the same sections and code blocks. notes-check runs this.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The Chinese heading of the English "## Checkpoints". */
export const ZH_CHECKPOINTS = '## 检查点';

/** What separates an English checkpoint title from its Chinese translation in a bullet. */
export const TITLE_SEPARATOR = ' — ';

interface CodeBlock {
  line: number;
  text: string;
}

interface Note {
  /** The "## " headings outside code blocks, in order. */
  sections: string[];
  codeBlocks: CodeBlock[];
  /** Every line, with the lines inside code blocks blanked, for finding bullets. */
  prose: string[];
}

/** Splits a markdown file into its ## headings and fenced code blocks (``` or ~~~, fence lines included). */
export function parseNote(markdown: string): Note {
  const lines = markdown.split('\n');
  const sections: string[] = [];
  const codeBlocks: CodeBlock[] = [];
  const prose: string[] = [];
  let fence: { marker: string; start: number; lines: string[] } | undefined;
  lines.forEach((line, index) => {
    if (fence) {
      fence.lines.push(line);
      prose.push('');
      if (line.trimEnd() === fence.marker || (line.startsWith(fence.marker) && /^(`+|~+)\s*$/.test(line))) {
        codeBlocks.push({ line: fence.start, text: fence.lines.join('\n') });
        fence = undefined;
      }
      return;
    }
    const open = /^(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = { marker: open[1]!, start: index + 1, lines: [line] };
      prose.push('');
      return;
    }
    if (/^## /.test(line)) sections.push(line.trimEnd());
    prose.push(line);
  });
  if (fence) codeBlocks.push({ line: fence.start, text: fence.lines.join('\n') });
  return { sections, codeBlocks, prose };
}

/** The bullets of the section headed exactly `heading`, up to the next # or ## heading. */
export function bulletsUnder(note: Note, heading: string): string[] | undefined {
  const start = note.prose.findIndex((line) => line.trimEnd() === heading);
  if (start < 0) return undefined;
  const bullets: string[] = [];
  for (const line of note.prose.slice(start + 1)) {
    if (/^#{1,2} /.test(line)) break;
    const bullet = /^[-*] (.+)$/.exec(line);
    if (bullet) bullets.push(bullet[1]!.trim());
  }
  return bullets;
}

/** "3" for "## 3. Try it", "checkpoints" for the language's checkpoints heading, else undefined. */
function sectionKey(heading: string, checkpointsHeading: string): string | undefined {
  if (heading === checkpointsHeading) return 'checkpoints';
  return /^## (\d+)\./.exec(heading)?.[1];
}

function sectionProblem(en: Note, zh: Note, enPath: string, zhPath: string): string | undefined {
  const missing = (i: number) => `${zhPath} is missing the section that ${enPath} has at position ${i + 1} (${en.sections[i]})`;
  const extra = (i: number) => `${zhPath} has a section at position ${i + 1} (${zh.sections[i]}) that ${enPath} does not have`;
  for (let i = 0; i < Math.max(en.sections.length, zh.sections.length); i++) {
    if (i >= zh.sections.length) return missing(i);
    if (i >= en.sections.length) return extra(i);
    const enKey = sectionKey(en.sections[i]!, '## Checkpoints');
    const zhKey = sectionKey(zh.sections[i]!, ZH_CHECKPOINTS);
    if (enKey === zhKey) continue;
    if (zh.sections.length < en.sections.length) return missing(i);
    if (zh.sections.length > en.sections.length) return extra(i);
    if (enKey === 'checkpoints')
      return `${zhPath} must head its section ${i + 1} "${ZH_CHECKPOINTS}", the twin of ${enPath}'s "## Checkpoints", not "${zh.sections[i]}"`;
    return `section ${i + 1} of ${zhPath} (${zh.sections[i]}) is not the twin of section ${i + 1} of ${enPath} (${en.sections[i]}): keep the English sections, their order and their numbers`;
  }
  return undefined;
}

/** Per part of a note (the text before the first ## heading, then each ## section): its list items and table rows. */
function shapes(note: Note): { heading: string; items: number; rows: number }[] {
  const parts = [{ heading: 'the text before the first ## heading', items: 0, rows: 0 }];
  for (const line of note.prose) {
    if (/^## /.test(line)) parts.push({ heading: line.trimEnd(), items: 0, rows: 0 });
    const part = parts[parts.length - 1]!;
    if (/^\s*([-*]|\d+\.) /.test(line)) part.items += 1;
    if (line.startsWith('|')) part.rows += 1;
  }
  return parts;
}

/** A translation keeps every list item and table row, so the counts per section match (only checked once the sections do). */
function shapeProblems(en: Note, zh: Note, enPath: string, zhPath: string): string[] {
  const problems: string[] = [];
  const enParts = shapes(en);
  const zhParts = shapes(zh);
  enParts.forEach((enPart, i) => {
    const zhPart = zhParts[i]!;
    if (enPart.heading === '## Checkpoints') return; // checkpointProblems names the very bullet
    const where = i === 0 ? `the text before the first ## heading of ${zhPath}` : `section ${i} of ${zhPath} (${zhPart.heading})`;
    for (const [what, enCount, zhCount] of [
      ['list item', enPart.items, zhPart.items],
      ['table row', enPart.rows, zhPart.rows],
    ] as const) {
      if (enCount !== zhCount)
        problems.push(
          `${where} has ${zhCount} ${what}${zhCount === 1 ? '' : 's'} where ${enPath} has ${enCount} (${enPart.heading}): translate every one, add none`,
        );
    }
  });
  return problems;
}

function codeBlockProblems(en: Note, zh: Note, enPath: string, zhPath: string): string[] {
  const problems: string[] = [];
  const firstLine = (block: CodeBlock) => block.text.split('\n')[0]!;
  const zhTexts = zh.codeBlocks.map((b) => b.text);
  const enTexts = en.codeBlocks.map((b) => b.text);
  for (const block of en.codeBlocks) {
    if (!zhTexts.includes(block.text))
      problems.push(
        `${zhPath} has no byte-for-byte copy of the code block at line ${block.line} of ${enPath} (${firstLine(block)})`,
      );
  }
  for (const block of zh.codeBlocks) {
    if (!enTexts.includes(block.text))
      problems.push(
        `the code block at line ${block.line} of ${zhPath} (${firstLine(block)}) is not in ${enPath}: code blocks are copied byte for byte, never translated`,
      );
  }
  if (problems.length === 0 && enTexts.join('\0') !== zhTexts.join('\0'))
    problems.push(`${zhPath} has the code blocks of ${enPath}, but not in the same order or number`);
  return problems;
}

/** A Chinese note's checkpoint list as English title → its translation: check prints both in Chinese. */
export function checkpointTranslations(zhNoteFile: string): Map<string, string> {
  const titles = new Map<string, string>();
  if (!existsSync(zhNoteFile)) return titles;
  for (const bullet of bulletsUnder(parseNote(readFileSync(zhNoteFile, 'utf8')), ZH_CHECKPOINTS) ?? []) {
    const at = bullet.indexOf(TITLE_SEPARATOR);
    if (at > 0) titles.set(bullet.slice(0, at), bullet.slice(at + TITLE_SEPARATOR.length).trim());
  }
  return titles;
}

function checkpointProblems(en: Note, zh: Note, enPath: string, zhPath: string): string[] {
  const titles = bulletsUnder(en, '## Checkpoints');
  const bullets = bulletsUnder(zh, ZH_CHECKPOINTS);
  if (!titles || !bullets) return []; // a missing section is reported by sectionProblem
  const problems: string[] = [];
  const keys = bullets.map((bullet) => {
    const at = bullet.indexOf(TITLE_SEPARATOR);
    const key = at < 0 ? bullet : bullet.slice(0, at);
    const translation = at < 0 ? '' : bullet.slice(at + TITLE_SEPARATOR.length).trim();
    if (!/\p{Script=Han}/u.test(translation))
      problems.push(`${zhPath}'s checkpoint "${key}" has no Chinese translation: write "- ${key}${TITLE_SEPARATOR}<中文>"`);
    return key;
  });
  for (const title of titles) {
    if (!keys.includes(title)) problems.push(`${zhPath} is missing the checkpoint "${title}" that ${enPath} lists`);
  }
  for (const key of keys) {
    if (!titles.includes(key))
      problems.push(`${zhPath} lists the checkpoint "${key}", which is not an English title in ${enPath}'s ## Checkpoints`);
  }
  if (problems.length === 0 && keys.join('\0') !== titles.join('\0')) {
    const i = keys.findIndex((key, index) => key !== titles[index]);
    problems.push(
      `${zhPath} lists checkpoint ${i + 1} as "${keys[i]}", where ${enPath} has "${titles[i]}": keep the English order`,
    );
  }
  return problems;
}

/** Relative links in `file` (relative to root) must point at files that exist. */
export function linksMissing(root: string, file: string): string[] {
  const problems: string[] = [];
  const text = readFileSync(join(root, file), 'utf8');
  for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(target!)) continue;
    if (!existsSync(resolve(dirname(join(root, file)), target!)))
      problems.push(`${file} links to ${target}, which does not exist`);
  }
  return problems;
}

/** Every way the Chinese notes and README.zh-CN.md disagree with the English ones, as sentences. Empty means they agree. */
export function checkTranslations(root: string): string[] {
  const problems: string[] = [];
  const docs = join(root, 'docs');
  const zhDir = join(docs, 'zh');
  const markdownIn = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .sort()
      : [];
  const english = markdownIn(docs);
  const chinese = markdownIn(zhDir);

  const pairs: { enPath: string; zhPath: string; checkpoints: boolean }[] = [];
  for (const file of english) {
    if (chinese.includes(file)) pairs.push({ enPath: `docs/${file}`, zhPath: `docs/zh/${file}`, checkpoints: true });
    else problems.push(`docs/${file} has no Chinese twin: write docs/zh/${file}`);
  }
  for (const file of chinese) {
    if (!english.includes(file)) problems.push(`docs/zh/${file} has no English original docs/${file}`);
  }
  if (existsSync(join(root, 'README.md'))) {
    if (existsSync(join(root, 'README.zh-CN.md')))
      pairs.push({ enPath: 'README.md', zhPath: 'README.zh-CN.md', checkpoints: false });
    else problems.push('README.md has no Chinese twin: write README.zh-CN.md');
  }

  for (const { enPath, zhPath, checkpoints } of pairs) {
    const en = parseNote(readFileSync(join(root, enPath), 'utf8'));
    const zhText = readFileSync(join(root, zhPath), 'utf8');
    const zh = parseNote(zhText);
    const section = sectionProblem(en, zh, enPath, zhPath);
    if (section) problems.push(section);
    else problems.push(...shapeProblems(en, zh, enPath, zhPath));
    problems.push(...codeBlockProblems(en, zh, enPath, zhPath));
    if (checkpoints) problems.push(...checkpointProblems(en, zh, enPath, zhPath));
    const original = zhPath === 'README.zh-CN.md' ? 'README.md' : `../${enPath.slice('docs/'.length)}`;
    if (!zhText.includes(`](${original})`)) problems.push(`${zhPath} does not link its English original (${original})`);
    problems.push(...linksMissing(root, zhPath));
  }

  // The Chinese README and course map reach every Chinese lab note, as the English ones do.
  for (const file of chinese.filter((f) => /^\d\d-/.test(f))) {
    const readme = existsSync(join(root, 'README.zh-CN.md')) ? readFileSync(join(root, 'README.zh-CN.md'), 'utf8') : '';
    if (!readme.includes(`(docs/zh/${file})`)) problems.push(`README.zh-CN.md's lab table has no row linking docs/zh/${file}`);
    const index = chinese.includes('index.md') ? readFileSync(join(zhDir, 'index.md'), 'utf8') : '';
    if (!index.includes(`(${file})`)) problems.push(`docs/zh/index.md does not link ${file}`);
  }
  return problems;
}
