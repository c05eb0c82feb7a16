// Which language `npm run practice` and `npm run check` speak: `--lang en|zh`, else the locale
// (LC_ALL, then LC_MESSAGES, then LANG) when it starts with "zh". Their sentences are in check-messages.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from './check-messages.ts';
import { docsDir, type LabInfo, UserError } from './labs.ts';

export type Language = 'en' | 'zh';

/** The locale's language: the first of LC_ALL, LC_MESSAGES and LANG that is set decides, as POSIX says. */
export function localeLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/**
 * The language a tool speaks, and its arguments without `--lang`: `--lang zh` or `--lang=zh`
 * wins over the locale, so `npm run check -- 01 --lang zh` works whatever LANG says.
 */
export function chooseLanguage(args: string[], env: NodeJS.ProcessEnv = process.env): { language: Language; args: string[] } {
  const rest: string[] = [];
  let chosen: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang') chosen = args[++i] ?? '';
    else if (arg.startsWith('--lang=')) chosen = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  if (chosen === undefined) return { language: localeLanguage(env), args: rest };
  const value = chosen.toLowerCase();
  if (value === 'zh' || value.startsWith('zh-') || value.startsWith('zh_')) return { language: 'zh', args: rest };
  if (value === 'en' || value.startsWith('en-') || value.startsWith('en_')) return { language: 'en', args: rest };
  throw new UserError(messages[localeLanguage(env)].badLanguage(chosen));
}

/** The lab's title in `language`: in Chinese, the heading of its Chinese notes ("实验 05 · 房间"). */
export function labTitle(lab: LabInfo, language: Language): string {
  const notes = join(docsDir, 'zh', `${lab.name}.md`);
  if (language === 'en' || !existsSync(notes)) return lab.title;
  const heading = /^# (.+)$/m.exec(readFileSync(notes, 'utf8'))?.[1];
  return heading?.trim() || lab.title;
}
