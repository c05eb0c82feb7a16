// The cheat sheet's own check: `npm test` fails when a row cites a checkpoint its lab does not have,
// proves nothing and does not say so, or when the Chinese table drifts from the English one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCheatsheets } from '../src/cheatsheet-check.ts';

const checkpoints: Record<string, string[]> = {
  '01-send-vs-emit.md': ["emit('message') is the same as send", 'a second client gets both events too'],
  '05-rooms.md': ['rooms are still readable in disconnecting and already empty in disconnect'],
};
const checkpointsOf = (notes: string) => checkpoints[notes];

const table = (rows: string[]) =>
  ['# Cheat sheet', '', '| Flask | socket.io | Proof |', '| --- | --- | --- |', ...rows, '', 'After.', ''].join('\n');
const en = [
  "| `send` | `emit('message')` | [lab 01](01-send-vs-emit.md) ✓ `emit('message') is the same as send` ✓ `a second client gets both events too` |",
  '| rooms in disconnect | `disconnecting` | [lab 05](05-rooms.md) ✓ `rooms are still readable in disconnecting and already empty in disconnect` |',
  '| `skip_sid` | `io.except(sid)` | Not taught here: socket.io "Broadcasting events" page. |',
];
const zh = [
  "| `send` | `emit('message')` | [实验 01](01-send-vs-emit.md) ✓ `emit('message') is the same as send` ✓ `a second client gets both events too` |",
  '| 在 disconnect 里读房间 | `disconnecting` | [实验 05](05-rooms.md) ✓ `rooms are still readable in disconnecting and already empty in disconnect` |',
  '| `skip_sid` | `io.except(sid)` | 本课程没有讲：socket.io 的 "Broadcasting events" 页。 |',
];

let root: string;
const write = (enRows: string[], zhRows: string[]) => {
  writeFileSync(join(root, 'docs', 'cheatsheet.md'), table(enRows));
  writeFileSync(join(root, 'docs', 'zh', 'cheatsheet.md'), table(zhRows));
};
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cheatsheet-check-'));
  mkdirSync(join(root, 'docs', 'zh'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the cheat sheet is held to the labs', () => {
  it('a table whose proofs are all checkpoints of their labs, in both languages, passes', () => {
    write(en, zh);
    expect(checkCheatsheets(root, checkpointsOf)).toEqual([]);
  });

  it('a ✓ title that is not a checkpoint of the linked lab is named with its line', () => {
    write([en[0]!.replace('a second client gets both events too', 'a third client gets both events'), en[1]!, en[2]!], zh);
    expect(checkCheatsheets(root, checkpointsOf)).toEqual([
      'docs/cheatsheet.md:5: ✓ `a third client gets both events` is not a checkpoint of 01-send-vs-emit.md',
      'row 1 of docs/zh/cheatsheet.md (line 5) cites other checkpoints than row 1 of docs/cheatsheet.md (line 5): the same proofs, in the same order',
    ]);
  });

  it('a checkpoint of another lab than the one linked before it is refused', () => {
    const moved = en[1]!.replace('[lab 05](05-rooms.md)', '[lab 01](01-send-vs-emit.md)');
    write([en[0]!, moved, en[2]!], zh);
    expect(checkCheatsheets(root, checkpointsOf)[0]).toBe(
      'docs/cheatsheet.md:6: ✓ `rooms are still readable in disconnecting and already empty in disconnect` is not a checkpoint of 01-send-vs-emit.md',
    );
  });

  it('a row that proves nothing and does not say "not taught here" is named', () => {
    write([en[0]!, en[1]!, '| `skip_sid` | `io.except(sid)` | socket.io "Broadcasting events" page. |'], zh);
    expect(checkCheatsheets(root, checkpointsOf)).toEqual([
      'docs/cheatsheet.md:7: a row with no ✓ checkpoint must say "not taught here" and name its source',
    ]);
  });

  it('a Chinese table with a row missing, or with no Chinese twin at all, fails', () => {
    write(en, zh.slice(0, 2));
    expect(checkCheatsheets(root, checkpointsOf)).toEqual([
      'docs/cheatsheet.md has 3 rows and docs/zh/cheatsheet.md has 2: the same rows in both languages',
    ]);
    rmSync(join(root, 'docs', 'zh', 'cheatsheet.md'));
    expect(checkCheatsheets(root, checkpointsOf)).toEqual([
      'docs/zh/cheatsheet.md is missing: the cheat sheet comes in both languages',
    ]);
  });
});
