// Every sentence `npm run check` and `npm run practice` print, in one table per language: English,
// and Chinese of the same shape (the type makes sure). language.ts picks one. Checkpoint titles, file
// paths, commands, event names and the checkpoints' own failure messages stay as they are.
import type { Group } from './check-run.ts';

export const en = {
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
  badLanguage: (value: string) => `--lang takes en or zh, not "${value}".`,
  // npm run check
  checking: (title: string, where: string, practising: boolean) =>
    practising
      ? `${title}: checking your practice copy, ${where}/ …`
      : `${title}: checking the solution in ${where}/ (you have no practice copy yet) …`,
  thrownHeading: '💥 Your code threw an exception while the checkpoints ran. Fix this first:',
  thrown: (message: string, where?: string) => `   ${message}${where ? `\n     at ${where}` : ''}`,
  typeHeading: '🔎 TypeScript found errors in your files (a hint: the checkpoints ran anyway):',
  lintHeading: '🧹 biome has remarks on your files (hints only, never a failure):',
  finding: (message: string, where?: string) => `   ${where ? `${where}  ` : ''}${message}`,
  more: (count: number) => `   … and ${count} more`,
  group: {
    server: 'The server, through a socket.io client in node:',
    crash: 'The server killed with SIGKILL and restarted, in a process of its own:',
    jsdom: 'The page, in jsdom:',
    chromium: 'The page, in real Chromium:',
  } satisfies Record<Group, string>,
  passed: (title: string) => `✅ ${title}`,
  failed: (title: string) => `❌ ${title}`,
  why: (failure: string) => `     ${failure}`,
  broken: (file: string, message: string) => `❌ ${file} did not run: ${message}`,
  notRunHeading: (lab: string) =>
    `⏸  Not run yet, because the checkpoints above fail first (\`npm run check -- ${lab} --all\` runs them anyway):`,
  notRun: (title: string) => `⏸  ${title}`,
  score: (passed: number, total: number, notRun: number) => {
    const failed = total - passed - notRun;
    const rest = [failed > 0 ? `${failed} fail` : '', notRun > 0 ? `${notRun} did not run yet` : ''].filter(Boolean);
    return `\n${passed} of ${total} checkpoints pass${rest.length > 0 ? `, ${rest.join(', ')}` : ''}.`;
  },
  suspect: (id: string, task: string, where: string, todoOpen: boolean) =>
    `\nThe failing checkpoints point at ${id} (${todoOpen ? `TODO(${id}) in ` : 'your code for it, near '}${where}): ${task}`,
  alsoSuspect: (ids: string[]) => `  Some failures also match ${ids.join(', ')}: one region at a time.`,
  hint: (n: number, text: string) => `  Hint ${n}: ${text}`,
  moreHints: (lab: string) => `  Stuck? \`npm run check -- ${lab} --hint\` shows the next hint.`,
  deleteTodo: '  Done with a TODO? Delete its TODO line.',
  noSuspect: (solutionDir: string) => `\nCompare your code with the solution in ${solutionDir}/.`,
  allPass: '🎉 Every checkpoint passes. On to the next lab!',
  solutionPasses: (lab: string) => `(This was the solution; \`npm run practice -- ${lab}\` makes your own copy to work in.)`,
  watching: (where: string) => `\nWatching ${where}/src and page/: save a file to check again (Ctrl+C stops).`,
  took: (seconds: string) => `(${seconds} s)`,
  /** A failure's first line, said in a sentence a learner reads. */
  failure(message: string): string {
    const first = message.split('\n')[0]!.trim();
    const timeout = /^(?:\w+Error: )?(\w+)\.(\w+): Timeout (\d+)ms exceeded\.?$/.exec(first);
    if (timeout) return `the page never showed what ${timeout[1]}.${timeout[2]}() waited for, within ${timeout[3]} ms`;
    return first.replace(/^(?:AssertionError|Error): /, '');
  },
};

export type CheckMessages = typeof en;

/** The same sentences in Chinese. Checkpoint titles, file paths, commands and test failures stay as they are. */
export const zh: CheckMessages = {
  todoDelete: '（完成后删掉这一行 TODO）',
  todoHint: '提示',
  practiceExists: (where, lab) =>
    `${where}/ 已经存在，里面可能有你写的代码。继续练习请运行 \`npm run check -- ${lab}\`，\n` +
    `要从头开始请运行 \`npm run practice -- ${lab} --reset\`（这会删掉你的修改）。`,
  practiceWritten: (title, where, count) => `${title}：你的练习副本在 ${where}/，共 ${count} 个 TODO：`,
  practiceReadNotes: (notes) => `先读笔记：${notes}`,
  practiceRunLab: (lab, port) => `然后：npm run lab -- ${lab} --practice   （你的服务器，端口 ${port}）`,
  practiceRunCheck: (lab) => `      npm run check -- ${lab} [--watch]  （检查点，附提示）`,
  badLanguage: (value) => `--lang 只接受 en 或 zh，而不是 "${value}"。`,
  checking: (title, where, practising) =>
    practising ? `${title}：正在检查你的练习副本 ${where}/ …` : `${title}：正在检查 ${where}/ 中的参考答案（你还没有练习副本）…`,
  thrownHeading: '💥 检查点运行时，你的代码抛出了异常。先修好它：',
  thrown: (message, where) => `   ${message}${where ? `\n     位于 ${where}` : ''}`,
  typeHeading: '🔎 TypeScript 在你的文件里发现了错误（只是提示：检查点照样运行了）：',
  lintHeading: '🧹 biome 对你的文件有些意见（只是提示，不算失败）：',
  finding: (message, where) => `   ${where ? `${where}  ` : ''}${message}`,
  more: (count) => `   …… 还有 ${count} 条`,
  group: {
    server: '服务器，通过 node 里的 socket.io 客户端：',
    crash: '服务器被 SIGKILL 杀掉再重启，在单独的进程里：',
    jsdom: '页面，在 jsdom 里：',
    chromium: '页面，在真正的 Chromium 里：',
  },
  passed: (title) => `✅ ${title}`,
  failed: (title) => `❌ ${title}`,
  why: (failure) => `     ${failure}`,
  broken: (file, message) => `❌ ${file} 没能运行：${message}`,
  notRunHeading: (lab) => `⏸  还没有运行，因为上面的检查点先失败了（\`npm run check -- ${lab} --all\` 会照样运行它们）：`,
  notRun: (title) => `⏸  ${title}`,
  score: (passed, total, notRun) => {
    const failed = total - passed - notRun;
    const rest = [failed > 0 ? `失败 ${failed} 个` : '', notRun > 0 ? `还有 ${notRun} 个没有运行` : ''].filter(Boolean);
    return `\n${total} 个检查点中通过了 ${passed} 个${rest.length > 0 ? `，${rest.join('，')}` : ''}。`;
  },
  suspect: (id, task, where, todoOpen) =>
    `\n失败的检查点指向 ${id}（${todoOpen ? `${where} 中的 TODO(${id})` : `你为它写的代码，在 ${where} 附近`}）：${task}`,
  alsoSuspect: (ids) => `  其他失败的检查点也指向 ${ids.join('、')}：一次改一个。`,
  hint: (n, text) => `  提示 ${n}：${text}`,
  moreHints: (lab) => `  卡住了？\`npm run check -- ${lab} --hint\` 会显示下一条提示。`,
  deleteTodo: '  完成了一个 TODO？删掉它的 TODO 行。',
  noSuspect: (solutionDir) => `\n请把你的代码和 ${solutionDir}/ 中的参考答案对比一下。`,
  allPass: '🎉 所有检查点都通过了。继续下一个实验吧！',
  solutionPasses: (lab) => `（这次检查的是参考答案；\`npm run practice -- ${lab}\` 会生成你自己的练习副本。）`,
  watching: (where) => `\n正在监视 ${where}/src 和 page/：保存文件就会重新检查（Ctrl+C 停止）。`,
  took: (seconds) => `（${seconds} 秒）`,
  failure(message) {
    const first = message.split('\n')[0]!.trim();
    const timeout = /^(?:\w+Error: )?(\w+)\.(\w+): Timeout (\d+)ms exceeded\.?$/.exec(first);
    if (timeout) return `页面在 ${timeout[3]} 毫秒内一直没有出现 ${timeout[1]}.${timeout[2]}() 等待的内容`;
    return first.replace(/^(?:AssertionError|Error): /, '');
  },
};

/** The messages table: one entry per language. */
export const messages = { en, zh } as const;
