// npm run progress: every lab, and how far the learner's practice copy has come.
import { listLabs, runTool } from '../src/labs.ts';
import { labProgress } from '../src/progress.ts';

await runTool(async () => {
  console.log('Socket.IO Labs: your progress\n');
  const name = (title: string) => title.replace(/^Lab \d+ · /, '');
  const width = Math.max(...listLabs().map((lab) => name(lab.title).length)) + 1;
  for (const lab of listLabs()) {
    console.log(`  ${lab.number}  ${name(lab.title).padEnd(width)} ${labProgress(lab).text}`);
  }
  console.log('\nStart one with `npm run practice -- NN`, grade it with `npm run check -- NN`.');
});
