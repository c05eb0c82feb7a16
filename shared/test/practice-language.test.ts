// Practice in two languages: every region carries its task and hints in English and Chinese, the
// practice copy speaks the learner's language, and `npm test` fails a region that lost its Chinese.
import { describe, expect, it } from 'vitest';
import { messages } from '../src/check-messages.ts';
import { chooseLanguage, localeLanguage } from '../src/language.ts';
import { cutRegions, regionLanguageProblems } from '../src/practice.ts';

const region = [
  'export function attach(io) {',
  '  // #region practice 01.1: send the value back to every client',
  '  // 任务: 把这个值发回给每个客户端',
  "  // hint: Flask's socketio.send(msg, broadcast=True) talks to everyone.",
  '  // 提示: Flask 的 socketio.send(msg, broadcast=True) 发给所有人。',
  '  // hint: io.send(value);',
  '  // 提示: 答案：io.send(value);',
  '  io.send(value);',
  '  // #endregion',
  '}',
].join('\n');

/** The region with one line replaced (or removed, with `undefined`). */
const withLine = (index: number, line: string | undefined) =>
  region
    .split('\n')
    .flatMap((text, i) => (i === index ? (line === undefined ? [] : [line]) : [text]))
    .join('\n');

describe('hints in both languages, checked by npm test', () => {
  it('a region with a 任务 line and a 提示 after each hint passes', () => {
    expect(regionLanguageProblems(region, 'server.ts')).toEqual([]);
  });

  it('a region without its 任务 line is named, with its line', () => {
    expect(regionLanguageProblems(withLine(2, undefined), 'server.ts')).toEqual([
      'server.ts:2: practice region 01.1 needs its task in Chinese on the next line: "// 任务: …"',
    ]);
  });

  it('a hint without its 提示 is named, and the counts disagree', () => {
    expect(regionLanguageProblems(withLine(6, undefined), 'server.ts')).toEqual([
      'server.ts:6: hint 2 of region 01.1 needs its Chinese twin on the next line: "// 提示: …"',
      'server.ts:2: practice region 01.1 has 2 English hints and 1 Chinese hints: the same count in both languages',
    ]);
  });

  it('a 提示 that is not Chinese, or not next to its hint, is named', () => {
    expect(regionLanguageProblems(withLine(4, '  // 提示: talks to everyone'), 'server.ts')).toEqual([
      'server.ts:5: the 提示 line of region 01.1 has no Chinese in it',
    ]);
    const moved = region
      .replace('  // 提示: 答案：io.send(value);\n', '')
      .replace('  io.send(value);', '  io.send(value);\n  // 提示: 答案：io.send(value);');
    expect(regionLanguageProblems(moved, 'server.ts')).toEqual([
      'server.ts:6: hint 2 of region 01.1 needs its Chinese twin on the next line: "// 提示: …"',
      'server.ts:8: a "// 提示:" line of region 01.1 does not follow a "// hint:" line: keep each right after its English hint',
    ]);
  });
});

describe('the practice copy speaks the learner language', () => {
  it('in English, the TODO carries the English task and first hint, and no Chinese line', () => {
    expect(cutRegions(region, () => true, 'server.ts', 'en')).toBe(
      [
        'export function attach(io) {',
        `  // TODO(01.1): send the value back to every client  ${messages.en.todoDelete}`,
        "  //   Hint: Flask's socketio.send(msg, broadcast=True) talks to everyone.",
        '}',
      ].join('\n'),
    );
  });

  it('in Chinese, the TODO carries the Chinese task and first hint, and keeps its TODO(NN.k) marker', () => {
    expect(cutRegions(region, () => true, 'server.ts', 'zh')).toBe(
      [
        'export function attach(io) {',
        '  // TODO(01.1): 把这个值发回给每个客户端  （完成后删掉这一行 TODO）',
        '  //   提示: Flask 的 socketio.send(msg, broadcast=True) 发给所有人。',
        '}',
      ].join('\n'),
    );
  });

  it('a region left uncut keeps its code and drops every marker line of both languages', () => {
    expect(cutRegions(region, () => false, 'server.ts', 'zh')).toBe(
      ['export function attach(io) {', '  io.send(value);', '}'].join('\n'),
    );
  });
});

describe('choosing the language', () => {
  it('the locale decides: LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(localeLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(localeLanguage({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeLanguage({ LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(localeLanguage({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeLanguage({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(localeLanguage({})).toBe('en');
  });

  it('--lang wins over the locale, and is taken out of the arguments', () => {
    expect(chooseLanguage(['--lang', 'zh', '01'], { LANG: 'en_US.UTF-8' })).toEqual({ language: 'zh', args: ['01'] });
    expect(chooseLanguage(['01', '--lang=en', '--hint'], { LANG: 'zh_CN.UTF-8' })).toEqual({
      language: 'en',
      args: ['01', '--hint'],
    });
    expect(chooseLanguage(['01'], { LANG: 'zh_CN.UTF-8' })).toEqual({ language: 'zh', args: ['01'] });
    expect(() => chooseLanguage(['--lang', 'fr'], {})).toThrow('--lang takes en or zh, not "fr".');
  });

  it('every sentence of the messages table is written in Chinese too, not copied', () => {
    // These only frame the caller's text with a symbol (✅ title), so they have no words to translate.
    const formats = new Set(['passed', 'failed', 'why', 'notRun', 'finding', 'failure']);
    const text = (value: unknown): string =>
      typeof value === 'function'
        ? String(value(['01'], ['02'], ['03'], true))
        : typeof value === 'object' && value !== null
          ? Object.values(value).join(' ')
          : String(value);
    const untranslated = Object.entries(messages.zh)
      .filter(([key]) => !formats.has(key))
      .filter(
        ([key, value]) =>
          !/\p{Script=Han}/u.test(text(value)) || text(value) === text(messages.en[key as keyof typeof messages.en]),
      )
      .map(([key]) => key);
    expect(untranslated, 'every Chinese message to hold Chinese').toEqual([]);
    expect(messages.zh.failure('TimeoutError: locator.waitFor: Timeout 5000ms exceeded.')).toBe(
      '页面在 5000 毫秒内一直没有出现 locator.waitFor() 等待的内容',
    );
  });
});
