// npm run practice -- 01 [--reset] [--lang zh]
// Writes practice/01-send-vs-emit/: the lab with each practice region replaced by a numbered TODO,
// its task and first hint in the learner's language (Chinese when LANG starts with zh, or --lang zh).
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { findLab, repoRoot, runTool, UserError } from '../src/labs.ts';
import { messages } from '../src/check-messages.ts';
import { chooseLanguage, labTitle } from '../src/language.ts';
import { inLanguage, practiceTodos, writePracticeCopy } from '../src/practice.ts';

await runTool(async () => {
  const { language, args } = chooseLanguage(process.argv.slice(2));
  const say = messages[language];
  const lab = findLab(args.find((arg) => !arg.startsWith('--')));
  const where = relative(repoRoot, lab.practiceDir);
  if (existsSync(lab.practiceDir) && !args.includes('--reset')) throw new UserError(say.practiceExists(where, lab.number));
  writePracticeCopy(lab.dir, lab.practiceDir, () => true, language);
  const todos = practiceTodos(lab.dir, lab.practiceDir);
  console.log(`${say.practiceWritten(labTitle(lab, language), where, todos.length)}\n`);
  for (const todo of todos)
    console.log(`  TODO(${todo.id})  ${where}/${todo.file}:${todo.line}  ${inLanguage(todo, language).task}`);
  console.log(`\n${say.practiceReadNotes(language === 'zh' ? `docs/zh/${lab.name}.md` : `docs/${lab.name}.md`)}`);
  console.log(say.practiceRunLab(lab.number, lab.port));
  console.log(say.practiceRunCheck(lab.number));
});
