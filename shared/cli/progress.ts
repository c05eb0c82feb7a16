// npm run progress: every lab, and how far the learner's practice copy has come.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listLabs, runTool } from '../src/labs.ts';
import { listRegions, remainingTodos } from '../src/practice.ts';

await runTool(async () => {
  console.log('Socket.IO Labs: your progress\n');
  for (const lab of listLabs()) {
    let state = '·  not started';
    if (existsSync(lab.practiceDir)) {
      const progressFile = join(lab.practiceDir, '.checkpoints', 'progress.json');
      const todos = remainingTodos(lab.practiceDir).length;
      const regions = listRegions(lab.dir).length;
      if (existsSync(progressFile)) {
        const { passed, total } = JSON.parse(readFileSync(progressFile, 'utf8')) as { passed: number; total: number };
        state =
          passed === total && total > 0
            ? `✅ done (${total} of ${total} checkpoints)`
            : `…  in progress (${passed} of ${total} checkpoints)`;
      } else {
        state = `…  in progress (${regions - todos} of ${regions} TODOs touched; run npm run check -- ${lab.number})`;
      }
    }
    console.log(`  ${lab.number}  ${lab.title.replace(/^Lab \d+ · /, '').padEnd(28)} ${state}`);
  }
  console.log('\nStart one with `npm run practice -- NN`, grade it with `npm run check -- NN`.');
});
