// A snippet in the notes that claims to be a practice region's answer must be that answer, so that
// pasting it passes the checkpoints. It claims so with a comment on the line above its code block:
//
//   <!-- answer 07.4 -->
//   ```ts
//   …the region's code…
//   ```
//
// Its code must be the solution's code of that region, line for line. Indentation and `//` comments
// do not count: the code does. notes-check runs this over docs/ and docs/zh/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listLabs } from './labs.ts';
import { regionCode } from './practice.ts';

const ANSWER = /<!-- answer (\d\d\.\d+) -->\s*\n(`{3,})[^\n]*\n([\s\S]*?)\n\2/g;

/** A line as it counts: no indentation, no trailing `// comment`, nothing at all for a comment line. */
const codeOf = (lines: string[]) => lines.map((line) => line.replace(/(^|\s)\/\/.*$/, '').trim()).filter((line) => line !== '');

/** The problems of one note, as sentences. `solution(id)` is the region's code, if there is such a region. */
export function answerProblems(markdown: string, file: string, solution: (id: string) => string[] | undefined): string[] {
  const problems: string[] = [];
  for (const [, id, , block] of markdown.matchAll(ANSWER)) {
    const expected = solution(id!);
    if (!expected) {
      problems.push(`${file}: the snippet marked as the answer to ${id} names no practice region`);
      continue;
    }
    const want = codeOf(expected);
    const have = codeOf(block!.split('\n'));
    if (want.join('\n') !== have.join('\n')) {
      problems.push(
        `${file}: the snippet marked as the answer to ${id} is not the solution's code.\n  expected: ${want.join(' ⏎ ')}\n  it reads: ${have.join(' ⏎ ')}`,
      );
    }
  }
  return problems;
}

/** Every answer snippet in docs/*.md and docs/zh/*.md, checked against its lab's solution. */
export function checkAnswers(repoRoot: string): string[] {
  const labs = listLabs();
  const solution = (id: string) => {
    const lab = labs.find((l) => l.number === id.slice(0, 2));
    return lab && regionCode(lab.dir, id);
  };
  const problems: string[] = [];
  for (const folder of ['docs', join('docs', 'zh')]) {
    if (!existsSync(join(repoRoot, folder))) continue;
    for (const name of readdirSync(join(repoRoot, folder)).filter((f) => f.endsWith('.md'))) {
      const file = join(folder, name);
      problems.push(...answerProblems(readFileSync(join(repoRoot, file), 'utf8'), file, solution));
    }
  }
  return problems;
}
