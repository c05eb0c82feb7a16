// npm run lab -- 01 [--practice] [more flags for the lab]
// Starts one lab's server and page on its fixed port (3000 + NN); PORT and HOST override it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findLab, repoRoot, runTool, UserError } from '../src/labs.ts';

await runTool(async () => {
  const args = process.argv.slice(2);
  const query = args.find((arg) => !arg.startsWith('-'));
  const lab = findLab(query);
  const practice = args.includes('--practice');
  const dir = practice ? lab.practiceDir : lab.dir;
  if (practice && !existsSync(dir)) {
    throw new UserError(
      `There is no practice copy of lab ${lab.number} yet. Make one with \`npm run practice -- ${lab.number}\`.`,
    );
  }
  const passOn = args.filter((arg) => arg !== query && arg !== '--practice');
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(dir, 'src', 'main.ts'), ...passOn], {
    stdio: 'inherit',
    env: { ...process.env, LAB_SOURCE: relative(repoRoot, dir) },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
});
