// The course follows someone else's post: the README and the course map (both languages) credit it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/labs.ts';

describe('credits', () => {
  it('the README and the course map name the post, its address and the book it credits', () => {
    for (const file of ['README.md', 'README.zh-CN.md', 'docs/index.md', 'docs/zh/index.md']) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      for (const credit of ['flask_socketio收发消息', 'https://huyu.info/blog/detail/103', '《Flask Web开发实战》', '李辉']) {
        expect(text, `${file} to name ${credit}`).toContain(credit);
      }
    }
  });
});
