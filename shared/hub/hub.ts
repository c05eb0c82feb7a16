// startHub(): the labs' processes, the hub's routes and its own http server, stopped together.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { listLabs } from '../src/labs.ts';
import { stopAllRuns } from './check-runner.ts';
import { Supervisor } from './supervisor.ts';

export interface HubOptions {
  /** 3000 by default; 0 takes a free port. */
  port: number;
  /** localhost unless HOST says otherwise. */
  host: string;
  /** Each lab on its own port (3000 + NN), or every lab on a free one (tests, a second hub). */
  labPorts: 'fixed' | 'free';
}

export interface RunningHub {
  url: string;
  port: number;
  supervisor: Supervisor;
  /** Resolves when every lab is up (or down with a reason). */
  labsStarted: Promise<void>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const labs = listLabs();
  const labHost = options.host === 'localhost' ? '127.0.0.1' : options.host;
  const supervisor = new Supervisor(labs, (lab) => (options.labPorts === 'fixed' ? lab.port : 0), labHost);
  // The labs first: their start-up is the slow part, and it runs in their own processes.
  const labsStarted = supervisor.startAll();

  // Only then the hub's own modules (markdown, highlighting, diff), while the labs start.
  const { hubRoutes } = await import('./routes.ts');
  // The browser script, bundled once at start, so the first lab view is as quick as the next.
  const clientJs = import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [join(import.meta.dirname, 'client', 'main.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2022',
        minify: true,
      }),
    )
    .then((result) => result.outputFiles[0]!.text);
  const app = hubRoutes(supervisor, {
    clientJs: () => clientJs,
    styleCss: readFileSync(join(import.meta.dirname, 'client', 'style.css'), 'utf8'),
    hljsCss: readFileSync(require.resolve('highlight.js/styles/github.css'), 'utf8'),
    favicon: readFileSync(join(import.meta.dirname, 'client', 'favicon.svg'), 'utf8'),
  });

  const server = app.listen(options.port, labHost);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await supervisor.stopAll();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = ['127.0.0.1', '0.0.0.0', '::'].includes(labHost) ? 'localhost' : labHost;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopAllRuns();
      server.closeAllConnections();
      await Promise.all([supervisor.stopAll(), new Promise<void>((resolve) => server.close(() => resolve()))]);
    })());
  return { url: `http://${shownHost}:${port}/`, port, supervisor, labsStarted, close };
}
