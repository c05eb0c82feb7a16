// The notes' answer snippets: one marked `<!-- answer NN.k -->` must be the solution's code of NN.k.
import { describe, expect, it } from 'vitest';
import { answerProblems, checkAnswers } from '../src/answer-check.ts';
import { repoRoot } from '../src/labs.ts';

describe('answer snippets in the notes', () => {
  it('every snippet marked as an answer is the solution of its practice region', () => {
    expect(checkAnswers(repoRoot)).toEqual([]);
  });

  it('a marked snippet that differs from the solution is reported, comments and indentation aside', () => {
    const solution = (id: string) => (id === '07.4' ? ['    const n = count(); // the count', '    return n;'] : undefined);
    const note = (code: string, id = '07.4') => `text\n\n<!-- answer ${id} -->\n\`\`\`ts\n${code}\n\`\`\`\n`;
    expect(answerProblems(note('// how many\nconst n = count();\nreturn n;'), 'a.md', solution)).toEqual([]);
    expect(answerProblems(note('return count();'), 'a.md', solution)).toHaveLength(1);
    expect(answerProblems(note('return n;', '07.9'), 'a.md', solution)).toEqual([
      'a.md: the snippet marked as the answer to 07.9 names no practice region',
    ]);
  });
});
