// The soak report's two languages: one run writes docs/reliability.md and docs/zh/reliability.md
// from the same figures, and a rerun of some scenarios replaces those sections in both. Each test
// writes the pair into a temporary course and runs the parity check on it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Lang,
  lines,
  machineNow,
  renderReport,
  replaceSections,
  reportHead,
  type Section,
  splitReport,
  t,
} from '../bench/soak-report.ts';
import { checkTranslations } from '../src/translation-check.ts';

const about = machineNow();
const heads = {
  en: reportHead('en', about, { quick: true, pinned: false }),
  zh: reportHead('zh', about, { quick: true, pinned: false }),
};

function scenario(key: string, figure: number, extra: (string | ReturnType<typeof t>)[] = []): Section {
  return {
    title: t(`Load: ${key}`, `负载：${key}`),
    lines: lines(
      t(`${figure} receivers in ${key}.`, `${key} 里有 ${figure} 个接收者。`),
      '',
      t('| delivered | ack failures |', '| 已投递 | 确认失败 |'),
      '|---|---|',
      `| ${figure} | 0 |`,
      ...extra,
    ),
  };
}
// A node's last words hold a "## " line: it is inside a code block, not a section.
const died = [
  '',
  t('**A node died.** Its last words:', '**有一个节点死了。** 它最后的输出：'),
  '',
  '```',
  '## not a heading',
  '```',
];

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});
function parity(files: Record<Lang, string>) {
  root = mkdtempSync(join(tmpdir(), 'soak-report-'));
  mkdirSync(join(root, 'docs', 'zh'), { recursive: true });
  writeFileSync(join(root, 'docs', 'performance.md'), '# Performance\n');
  writeFileSync(join(root, 'docs', 'zh', 'performance.md'), '# 性能\n\n[English](../performance.md)\n');
  writeFileSync(join(root, 'docs', 'reliability.md'), files.en);
  writeFileSync(join(root, 'docs', 'zh', 'reliability.md'), files.zh);
  return checkTranslations(root);
}
const full = (sections: Section[]) => ({
  en: renderReport(heads.en, sections, 'en'),
  zh: renderReport(heads.zh, sections, 'zh'),
});

describe('the soak report in two languages', () => {
  it('writes twins that pass the parity check, the zh file linking the English one', () => {
    const report = full([scenario('a', 1), scenario('b', 2, died), scenario('c', 3)]);
    expect(parity(report)).toEqual([]);
    expect(report.zh.split('\n')[2]).toBe('[English](../reliability.md)');
    expect(report.zh).toContain('开始时平均负载');
    expect(splitReport(report.en).sections.map((s) => s.split('\n')[0])).toEqual(['## Load: a', '## Load: b', '## Load: c']);
  });

  it('replaces a rerun section in both files and leaves the others as they were', () => {
    const before = full([scenario('a', 1), scenario('b', 2, died), scenario('c', 3)]);
    const after = replaceSections(before, [scenario('b', 20)]);
    expect(after.problems).toEqual([]);
    expect(after).toMatchObject(full([scenario('a', 1), scenario('b', 20), scenario('c', 3)]));
    expect(parity(after)).toEqual([]);
  });

  it('finds the zh section by position when its heading was edited by hand, and adds a new one to both', () => {
    const before = full([scenario('a', 1), scenario('b', 2)]);
    before.zh = before.zh.replace('## 负载：b', '## 负载：b（手改过）');
    const after = replaceSections(before, [scenario('b', 20), scenario('new', 5)]);
    expect(after.problems).toEqual([]);
    expect(after.zh).toContain('b 里有 20 个接收者');
    expect(after.zh).not.toContain('手改过');
    expect(splitReport(after.zh).sections).toHaveLength(3);
    expect(parity(after)).toEqual([]);
  });

  it('names a section it cannot find in a zh file that has fallen out of step', () => {
    const before = full([scenario('a', 1), scenario('b', 2)]);
    before.zh = before.zh.replace('## 负载：b', '## 别的');
    before.zh += '\n## 多出来的\n';
    const after = replaceSections(before, [scenario('b', 20)]);
    expect(after.en).toContain('20 receivers in b');
    expect(after.problems).toEqual([expect.stringContaining('zh report has no section "负载：b"')]);
  });
});
