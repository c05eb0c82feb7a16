// The course's own tools, checked like the labs: `npm run practice` lists each TODO where it is.
import { useTempDir } from '@labs/shared/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLabs } from '../src/labs.ts';
import { practiceTodos, writePracticeCopy } from '../src/practice.ts';

const tmp = useTempDir('practice-');

describe('npm run practice', () => {
  it('lists every TODO at its line in the practice copy, not in the solution', () => {
    const misplaced: string[] = [];
    for (const lab of listLabs()) {
      const copy = join(tmp.path, lab.name);
      writePracticeCopy(lab.dir, copy, () => true);
      for (const todo of practiceTodos(lab.dir, copy)) {
        const text = readFileSync(join(copy, todo.file), 'utf8').split('\n')[todo.line - 1] ?? '';
        if (!text.includes(`// TODO(${todo.id})`))
          misplaced.push(`TODO(${todo.id}) listed at ${todo.file}:${todo.line}, which reads "${text.trim()}"`);
      }
    }
    expect(misplaced, 'every listed line to hold its TODO').toEqual([]);
  });
});
