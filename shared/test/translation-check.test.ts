// The parity check itself: `npm test` fails when the Chinese notes drift from the English ones.
// Each test writes a small course (two notes, the course map and both READMEs) into a temporary
// folder, breaks one thing, and proves the check names exactly that drift in one sentence.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTranslations } from '../src/translation-check.ts';

const fence = '```';

const course: Record<string, string> = {
  'README.md': `# Labs\n\nEnglish · [中文](README.zh-CN.md)\n\n## Start\n\n${fence}\nnpm start\n${fence}\n\n## The labs\n\n[01](docs/01-a.md) [02](docs/02-b.md)\n`,
  'README.zh-CN.md': `# Labs\n\n[English](README.md)\n\n## 开始\n\n${fence}\nnpm start\n${fence}\n\n## 实验列表\n\n[01](docs/zh/01-a.md) [02](docs/zh/02-b.md)\n`,
  'docs/index.md': '# Course map\n\n[01](01-a.md) [02](02-b.md)\n',
  'docs/zh/index.md': '# 课程地图\n\n[English](../index.md) [01](01-a.md) [02](02-b.md)\n',
  'docs/contributing.md': '# Adding a lab\n\n## 1. The folder\n',
  'docs/zh/contributing.md': '# 添加实验\n\n[English](../contributing.md)\n\n## 1. 文件夹\n',
  'docs/01-a.md': [
    '# Lab 01',
    '',
    '## 1. Events',
    '',
    `${fence}ts`,
    "io.emit('ceshi', '测试');",
    fence,
    '',
    '## 2. Try it',
    '',
    `${fence}`,
    'npm run lab -- 01',
    fence,
    '',
    '## Checkpoints',
    '',
    '- the sender gets its own message, then ceshi',
    '- a second client gets both events too',
    '',
  ].join('\n'),
  'docs/zh/01-a.md': [
    '# 实验 01',
    '',
    '[English](../01-a.md) · [实验 02](02-b.md)',
    '',
    '## 1. 事件',
    '',
    `${fence}ts`,
    "io.emit('ceshi', '测试');",
    fence,
    '',
    '## 2. 动手试试',
    '',
    `${fence}`,
    'npm run lab -- 01',
    fence,
    '',
    '## 检查点',
    '',
    '- the sender gets its own message, then ceshi — 发送者先收到自己的消息，然后收到 ceshi',
    '- a second client gets both events too — 第二个客户端也收到这两个事件',
    '',
  ].join('\n'),
  'docs/02-b.md': '# Lab 02\n\n## 1. Acks\n\n## Checkpoints\n\n- an ack is answered\n',
  'docs/zh/02-b.md':
    '# 实验 02\n\n[English](../02-b.md)\n\n## 1. 确认回调\n\n## 检查点\n\n- an ack is answered — 确认回调得到回答\n',
};

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'translation-check-'));
  for (const [file, text] of Object.entries(course)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Rewrites one file of the temporary course: `change` gets its text and returns the broken one. */
function edit(file: string, change: (text: string) => string) {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  expect(after, `the test meant to change ${file}, but its edit matched nothing`).not.toBe(before);
  writeFileSync(path, after);
}

/** Runs the check and expects exactly these sentences. */
function expectProblems(expected: string[]) {
  const problems = checkTranslations(root);
  expect(
    problems,
    `expected the check to report exactly ${JSON.stringify(expected)}, but it said ${JSON.stringify(problems)}`,
  ).toEqual(expected);
}

describe('the Chinese notes parity check', () => {
  it('passes a course whose English and Chinese notes agree', () => {
    expectProblems([]);
  });

  it('fails when an English note has no Chinese twin, and when a Chinese note has no English original', () => {
    unlinkSync(join(root, 'docs/zh/02-b.md'));
    edit('docs/zh/01-a.md', (text) => text.replace(' · [实验 02](02-b.md)', ''));
    writeFileSync(join(root, 'docs/zh/03-c.md'), '# 实验 03\n\n[English](../03-c.md)\n');
    const problems = checkTranslations(root);
    expect(
      problems,
      `expected the missing twin and the orphan to be named, but the check said ${JSON.stringify(problems)}`,
    ).toEqual(
      expect.arrayContaining([
        'docs/02-b.md has no Chinese twin: write docs/zh/02-b.md',
        'docs/zh/03-c.md has no English original docs/03-c.md',
      ]),
    );
  });

  it("holds the instructors' guide to the rules like every note: it needs a twin, and the twin its sections", () => {
    unlinkSync(join(root, 'docs/zh/contributing.md'));
    expectProblems(['docs/contributing.md has no Chinese twin: write docs/zh/contributing.md']);
    writeFileSync(join(root, 'docs/zh/contributing.md'), '# 添加实验\n\n[English](../contributing.md)\n');
    expectProblems([
      'docs/zh/contributing.md is missing the section that docs/contributing.md has at position 1 (## 1. The folder)',
    ]);
  });

  it('fails when the Chinese README is missing', () => {
    unlinkSync(join(root, 'README.zh-CN.md'));
    expect(checkTranslations(root)).toContain('README.md has no Chinese twin: write README.zh-CN.md');
  });

  it('fails when a Chinese note lacks a section, names it and its position', () => {
    edit('docs/zh/01-a.md', (text) => text.replace(/## 2\. 动手试试\n\n```\nnpm run lab -- 01\n```\n\n/, ''));
    expect(checkTranslations(root)).toContain(
      'docs/zh/01-a.md is missing the section that docs/01-a.md has at position 2 (## 2. Try it)',
    );
  });

  it('fails when a Chinese note has a section the English one does not', () => {
    edit('docs/zh/02-b.md', (text) => text.replace('## 检查点', '## 2. 补充\n\n## 检查点'));
    expectProblems(['docs/zh/02-b.md has a section at position 2 (## 2. 补充) that docs/02-b.md does not have']);
  });

  it('fails when the sections are in another order', () => {
    edit('docs/zh/02-b.md', (text) => text.replace('## 1. 确认回调\n\n## 检查点', '## 检查点\n\n## 1. 确认回调'));
    expect(checkTranslations(root)).toContain(
      'section 1 of docs/zh/02-b.md (## 检查点) is not the twin of section 1 of docs/02-b.md (## 1. Acks): keep the English sections, their order and their numbers',
    );
  });

  it('fails when the checkpoints heading is left in English', () => {
    edit('docs/zh/02-b.md', (text) => text.replace('## 检查点', '## Checkpoints'));
    expectProblems([
      'docs/zh/02-b.md must head its section 2 "## 检查点", the twin of docs/02-b.md\'s "## Checkpoints", not "## Checkpoints"',
    ]);
  });

  it('fails when a section of the Chinese note has a list item or a table row fewer or more', () => {
    edit('docs/02-b.md', (text) =>
      text.replace('## 1. Acks\n', '## 1. Acks\n\n- an ack answers one emit\n- it may never come\n\n| a | b |\n'),
    );
    edit('docs/zh/02-b.md', (text) =>
      text.replace('## 1. 确认回调\n', '## 1. 确认回调\n\n- 确认回调回答一次 emit\n\n| a | b |\n| c | d |\n'),
    );
    expectProblems([
      'section 1 of docs/zh/02-b.md (## 1. 确认回调) has 1 list item where docs/02-b.md has 2 (## 1. Acks): translate every one, add none',
      'section 1 of docs/zh/02-b.md (## 1. 确认回调) has 2 table rows where docs/02-b.md has 1 (## 1. Acks): translate every one, add none',
    ]);
  });

  it('fails when a code block differs by one byte, and when one is missing', () => {
    edit('docs/zh/01-a.md', (text) => text.replace("io.emit('ceshi', '测试');", "io.emit('ceshi', '测试'); "));
    expectProblems([
      'docs/zh/01-a.md has no byte-for-byte copy of the code block at line 5 of docs/01-a.md (```ts)',
      'the code block at line 7 of docs/zh/01-a.md (```ts) is not in docs/01-a.md: code blocks are copied byte for byte, never translated',
    ]);
    edit('docs/zh/01-a.md', (text) => text.replace(/```ts\n.*\n```\n/, ''));
    expectProblems(['docs/zh/01-a.md has no byte-for-byte copy of the code block at line 5 of docs/01-a.md (```ts)']);
  });

  it('fails when a code block of the README is translated', () => {
    edit('README.zh-CN.md', (text) => text.replace('npm start', 'npm start  # 启动'));
    expectProblems([
      'README.zh-CN.md has no byte-for-byte copy of the code block at line 7 of README.md (```)',
      'the code block at line 7 of README.zh-CN.md (```) is not in README.md: code blocks are copied byte for byte, never translated',
    ]);
  });

  it('fails when a checkpoint is missing or renamed', () => {
    edit('docs/zh/01-a.md', (text) =>
      text.replace('- a second client gets both events too — 第二个客户端也收到这两个事件\n', ''),
    );
    expectProblems(['docs/zh/01-a.md is missing the checkpoint "a second client gets both events too" that docs/01-a.md lists']);

    edit('docs/zh/02-b.md', (text) => text.replace('an ack is answered —', 'an ack is answered quickly —'));
    expect(checkTranslations(root)).toEqual(
      expect.arrayContaining([
        'docs/zh/02-b.md is missing the checkpoint "an ack is answered" that docs/02-b.md lists',
        'docs/zh/02-b.md lists the checkpoint "an ack is answered quickly", which is not an English title in docs/02-b.md\'s ## Checkpoints',
      ]),
    );
  });

  it('fails when a checkpoint has no Chinese translation', () => {
    edit('docs/zh/02-b.md', (text) => text.replace('an ack is answered — 确认回调得到回答', 'an ack is answered'));
    expectProblems([
      'docs/zh/02-b.md\'s checkpoint "an ack is answered" has no Chinese translation: write "- an ack is answered — <中文>"',
    ]);
  });

  it('fails when the checkpoints are in another order', () => {
    edit('docs/zh/01-a.md', (text) => {
      const [first, second] = text.split('\n').filter((line) => line.startsWith('- the sender') || line.startsWith('- a second'));
      return text.replace(`${first}\n${second}`, `${second}\n${first}`);
    });
    expectProblems([
      'docs/zh/01-a.md lists checkpoint 1 as "a second client gets both events too", where docs/01-a.md has "the sender gets its own message, then ceshi": keep the English order',
    ]);
  });

  it('fails when a Chinese note breaks a link or does not link its English original', () => {
    edit('docs/zh/02-b.md', (text) => text.replace('[English](../02-b.md)', '[实验 09](09-z.md)'));
    expectProblems([
      'docs/zh/02-b.md does not link its English original (../02-b.md)',
      'docs/zh/02-b.md links to 09-z.md, which does not exist',
    ]);
  });

  it('fails when the Chinese README or course map leaves out a lab note', () => {
    edit('README.zh-CN.md', (text) => text.replace(' [02](docs/zh/02-b.md)', ''));
    edit('docs/zh/index.md', (text) => text.replace(' [02](02-b.md)', ''));
    expectProblems(["README.zh-CN.md's lab table has no row linking docs/zh/02-b.md", 'docs/zh/index.md does not link 02-b.md']);
  });
});
