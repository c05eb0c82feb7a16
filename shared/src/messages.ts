// Every sentence that `npm run practice` and `npm run check` say to a learner, in English and Chinese.
// The language is `--lang en|zh`, else the locale (LC_ALL, then LC_MESSAGES, then LANG) when it starts with "zh".
// Checkpoint titles, commands, file paths and event names stay as they are: they are what the learner types.
import { UserError } from './labs.ts';

export type Language = 'en' | 'zh';

const en = {
  // In the practice copy, beside each TODO.
  todoDelete: '(delete this TODO line once it is done)',
  todoHint: 'Hint',

  // npm run practice
  practiceExists: (where: string, lab: string) =>
    `${where}/ already exists, and it may hold your work. Keep going with \`npm run check -- ${lab}\`,\n` +
    `or start over with \`npm run practice -- ${lab} --reset\` (that deletes your changes).`,
  practiceWritten: (title: string, where: string, count: number) =>
    `${title}: your practice copy is in ${where}/ with ${count} TODOs:`,
  practiceReadNotes: (notes: string) => `Read the notes first: ${notes}`,
  practiceRunLab: (lab: string, port: number) => `Then: npm run lab -- ${lab} --practice   (your server, on port ${port})`,
  practiceRunCheck: (lab: string) => `      npm run check -- ${lab} [--watch]  (the checkpoints, with hints)`,

  // npm run check
  checking: (title: string, where: string) => `${title}: checking ${where}/ …`,
  fileDidNotRun: (file: string, message: string) => `${file} did not run: ${message}`,
  passCount: (passed: number, total: number) => `${passed} of ${total} checkpoints pass.`,
  mostLikely: (id: string, where: string, task: string) => `Most likely the first open TODO, TODO(${id}) in ${where}: ${task}`,
  hintNumber: (n: number, hint: string) => `  Hint ${n}: ${hint}`,
  stuck: (lab: string) => `  Stuck? \`npm run check -- ${lab} --hint\` shows the next hint.`,
  doneWithTodo: '  Done with a TODO? Delete its TODO line, so check points at the next one.',
  noTodoLeft: (solution: string) => `No TODO is left open: compare your code with the solution in ${solution}/.`,
  allPass: '🎉 Every checkpoint passes. On to the next lab!',
  wasSolution: '(This was the solution; `npm run practice -- NN` makes your copy.)',
  watching: (where: string) => `Watching ${where}/src and page/ — save a file to check again (Ctrl+C stops).`,

  badLanguage: (value: string) => `--lang takes en or zh, not "${value}".`,
};

export type Messages = typeof en;

const zh: Messages = {
  todoDelete: '（完成后删掉这一行 TODO）',
  todoHint: '提示',

  practiceExists: (where, lab) =>
    `${where}/ 已经存在，里面可能有你写的代码。继续练习请运行 \`npm run check -- ${lab}\`，\n` +
    `要从头开始请运行 \`npm run practice -- ${lab} --reset\`（这会删掉你的修改）。`,
  practiceWritten: (title, where, count) => `${title}：你的练习副本在 ${where}/，共 ${count} 个 TODO：`,
  practiceReadNotes: (notes) => `先读笔记：${notes}`,
  practiceRunLab: (lab, port) => `然后：npm run lab -- ${lab} --practice   （你的服务器，端口 ${port}）`,
  practiceRunCheck: (lab) => `      npm run check -- ${lab} [--watch]  （检查点，附提示）`,

  checking: (title, where) => `${title}：正在检查 ${where}/ …`,
  fileDidNotRun: (file, message) => `${file} 没能运行：${message}`,
  passCount: (passed, total) => `${total} 个检查点中通过了 ${passed} 个。`,
  mostLikely: (id, where, task) => `最可能的原因是第一个还没完成的 TODO，即 ${where} 中的 TODO(${id})：${task}`,
  hintNumber: (n, hint) => `  提示 ${n}：${hint}`,
  stuck: (lab) => `  卡住了？\`npm run check -- ${lab} --hint\` 会显示下一条提示。`,
  doneWithTodo: '  完成了一个 TODO？删掉它的 TODO 行，check 就会指向下一个。',
  noTodoLeft: (solution) => `已经没有未完成的 TODO 了：请把你的代码和 ${solution}/ 中的参考答案对比一下。`,
  allPass: '🎉 所有检查点都通过了。继续下一个实验吧！',
  wasSolution: '（这次检查的是参考答案；`npm run practice -- NN` 会生成你的练习副本。）',
  watching: (where) => `正在监视 ${where}/src 和 page/ —— 保存文件就会重新检查（Ctrl+C 停止）。`,

  badLanguage: (value) => `--lang 只接受 en 或 zh，而不是 "${value}"。`,
};

/** The messages table: one entry per language, the same keys in each (the type makes sure). */
export const messages: Record<Language, Messages> = { en, zh };

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
