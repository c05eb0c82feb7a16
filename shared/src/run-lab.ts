// runLab(): what a lab's src/main.ts calls. It listens on the lab's fixed port (3000 + NN),
// unless PORT or HOST say otherwise, and prints the page's address as its first line.
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWithParent } from './lab-process.ts';
import { readManifest } from './labs.ts';
import { startLab, type Attach } from './start-lab.ts';
import type { ServerOptions } from 'socket.io';

export interface RunLabOptions<C extends object, S extends object> {
  labDir: string | URL;
  attach: Attach<C, S>;
  serverOptions?: Partial<ServerOptions>;
}

export async function runLab<C extends object, S extends object>(options: RunLabOptions<C, S>) {
  exitWithParent();
  const labDir = options.labDir instanceof URL ? fileURLToPath(options.labDir) : options.labDir;
  const manifest = readManifest(labDir);
  const port = process.env.PORT === undefined || process.env.PORT === '' ? manifest.port : Number(process.env.PORT);
  const host = process.env.HOST || undefined;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a number from 0 to 65535, not "${process.env.PORT}".`);
    process.exit(1);
  }
  try {
    const lab = await startLab({ ...options, labDir, port, host });
    const url = host && host !== '0.0.0.0' && host !== '::' ? `http://${host}:${lab.port}/` : lab.url;
    const practising = process.env.LAB_SOURCE?.startsWith('practice/') ? ' (your practice copy)' : '';
    console.log(`${manifest.title}${practising}: ${url}  (Ctrl+C stops it)`);
    const stop = () => void lab.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return lab;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      // The learner's own command, flags and all (npm run lab passes it on), else this process's arguments.
      const command =
        process.env.LAB_COMMAND || ['npm run lab --', basename(resolve(labDir)).slice(0, 2), ...process.argv.slice(2)].join(' ');
      console.error(
        `Port ${port} is already in use: another lab, or the hub (npm start), may be running.\n` +
          `Stop it, or pick another port: PORT=0 ${command}`,
      );
      process.exit(1);
    }
    throw error;
  }
}
