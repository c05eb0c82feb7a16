// The course's own tools, checked like the labs: `npm run practice` lists each TODO where it is.
import { useTempDir } from '@labs/shared/testing';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
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

  it('a copy anywhere (PRACTICE_DIR) extends the same tsconfig.base.json, so it typechecks and its checkpoints load', () => {
    const lab = listLabs()[0]!; // lab 01's tsconfig also has a path into node_modules
    const copy = join(tmp.path, 'deeper', 'still', lab.name);
    writePracticeCopy(lab.dir, copy, () => true);
    // tsconfig.json is JSON with comments: read the one field.
    const base = /"extends":\s*"([^"]+)"/.exec(readFileSync(join(copy, 'tsconfig.json'), 'utf8'))![1]!;
    expect(resolve(copy, base), 'the copy to extend the repo root tsconfig.base.json').toBe(
      resolve(lab.dir, '../../tsconfig.base.json'),
    );
    expect(existsSync(resolve(copy, base))).toBe(true);
    const paths = [...readFileSync(join(copy, 'tsconfig.json'), 'utf8').matchAll(/"(\.\.\/[^"]*)"/g)].map((m) => m[1]!);
    expect(
      paths.filter((path) => !existsSync(resolve(copy, path))),
      'every path up the tree to exist from the copy',
    ).toEqual([]);
    // No node_modules is up the tree from a temporary folder: the copy's own imports must resolve all the same.
    const from = createRequire(join(copy, 'vitest.config.ts'));
    expect(
      () => from.resolve('@labs/shared/vitest'),
      'the copy to find @labs/shared/vitest, which its vitest.config.ts imports',
    ).not.toThrow();
    expect(() => from.resolve('socket.io'), 'the copy to find socket.io').not.toThrow();
  });
});
