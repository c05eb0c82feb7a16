// npm run lab -- 01 [--practice] [more flags for the lab]
// Starts one lab's server and page on its fixed port (3000 + NN); PORT and HOST override it.
// Like `tsx watch`, it restarts the server whenever a file under the lab's src/ changes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
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
  const start = () =>
    spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(dir, 'src', 'main.ts'), ...passOn], {
      stdio: 'inherit',
      env: { ...process.env, LAB_SOURCE: relative(repoRoot, dir), LAB_COMMAND: ['npm run lab --', ...args].join(' ') },
    });
  const srcDir = join(dir, 'src');
  console.log(
    `Watching ${relative(repoRoot, srcDir)}/: save a file there and the server restarts; open pages reconnect by themselves.`,
  );

  return new Promise<number>((resolve) => {
    let child: ChildProcess;
    let restarts = 0;
    let quitting = false;
    let stopping = false;
    const alive = (process: ChildProcess) => process.exitCode === null && process.signalCode === null;
    const quit = (code: number) => {
      watcher.close();
      resolve(code);
    };
    const run = () => {
      child = start();
      const generation = restarts;
      child.once('exit', (code, signal) => {
        if (generation !== restarts) return; // stopped by a restart, which starts the next one
        // The first start failing (a port in use, say) ends the command; a crash after an edit waits for the fix.
        if (quitting || generation === 0 || code === 0 || signal) return quit(code ?? 0);
        console.log(`The server stopped (exit code ${code}). Fix it and save: it starts again. Ctrl+C quits.`);
      });
    };
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(srcDir, { recursive: true }, (_event, file) => {
      // One save can be several events: restart once they are over.
      clearTimeout(timer);
      timer = setTimeout(() => {
        console.log(`${relative(repoRoot, join(srcDir, String(file)))} changed: restarting the server…`);
        restarts += 1;
        if (stopping) return; // the old server is still stopping: the next one starts after it
        if (!alive(child)) return run();
        stopping = true;
        child.once('exit', () => {
          stopping = false;
          run();
        });
        child.kill('SIGTERM');
      }, 150);
    });
    run();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        quitting = true;
        if (alive(child)) child.kill(signal);
        else quit(0);
      });
    }
  });
});
