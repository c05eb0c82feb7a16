// npm run practice -- 01 [--reset]
// Writes practice/01-send-vs-emit/: the lab with each practice region replaced by a numbered TODO.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { findLab, repoRoot, runTool, UserError } from '../src/labs.ts';
import { practiceTodos, writePracticeCopy } from '../src/practice.ts';

await runTool(async () => {
  const args = process.argv.slice(2);
  const lab = findLab(args.find((arg) => !arg.startsWith('--')));
  const where = relative(repoRoot, lab.practiceDir);
  if (existsSync(lab.practiceDir) && !args.includes('--reset')) {
    throw new UserError(
      `${where}/ already exists, and it may hold your work. Keep going with \`npm run check -- ${lab.number}\`,\n` +
        `or start over with \`npm run practice -- ${lab.number} --reset\` (that deletes your changes).`,
    );
  }
  writePracticeCopy(lab.dir, lab.practiceDir, () => true);
  const todos = practiceTodos(lab.dir, lab.practiceDir);
  console.log(`${lab.title}: your practice copy is in ${where}/ with ${todos.length} TODOs:\n`);
  for (const todo of todos) console.log(`  TODO(${todo.id})  ${where}/${todo.file}:${todo.line}  ${todo.task}`);
  console.log(`\nRead the notes first: docs/${lab.name}.md`);
  console.log(`Then: npm run lab -- ${lab.number} --practice   (your server, on port ${lab.port})`);
  console.log(`      npm run check -- ${lab.number} [--watch]  (the checkpoints, with hints)`);
});
