// npm run progress: every lab, and how far the learner's practice copy has come.
import { listLabs, runTool } from '../src/labs.ts';
import { labProgress } from '../src/progress.ts';

await runTool(async () => {
  console.log('Socket.IO Labs: your progress\n');
  for (const lab of listLabs()) {
    console.log(`  ${lab.number}  ${lab.title.replace(/^Lab \d+ · /, '').padEnd(28)} ${labProgress(lab).text}`);
  }
  console.log('\nStart one with `npm run practice -- NN`, grade it with `npm run check -- NN`.');
});
