// Every sentence `npm run check` prints, in one table: a translation adds a table of the same shape.
import type { Group } from './check-run.ts';

export const en = {
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
  score: (passed: number, total: number, notRun: number) =>
    `\n${passed} of ${total} checkpoints pass${notRun > 0 ? ` (${notRun} of them did not run yet)` : ''}.`,
  suspect: (id: string, task: string, where: string, todoOpen: boolean) =>
    `\nThe failing checkpoints point at ${id} (${todoOpen ? `TODO(${id}) in ` : 'your code for it, near '}${where}): ${task}`,
  alsoSuspect: (ids: string[]) => `  The other failures point at ${ids.join(', ')} too: one at a time.`,
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
