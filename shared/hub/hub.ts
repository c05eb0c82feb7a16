// startHub(): the labs' processes, the hub's routes and its own http server, stopped together.
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
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
  const shownHost = ['127.0.0.1', '0.0.0.0', '::'].includes(labHost) ? 'localhost' : labHost;

  // The port first (a few ms), so each lab's page can link back to the hub; requests wait for the routes.
  let handle: RequestListener | undefined;
  const server = createServer((req, res) => (handle ? handle(req, res) : res.writeHead(503).end('The hub is starting…')));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, labHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${shownHost}:${port}/`;

  // Then the labs: their start-up is the slow part, and it runs in their own processes.
  const supervisor = new Supervisor(labs, {
    solutionPort: (lab) => (options.labPorts === 'fixed' ? lab.port : 0),
    host: labHost,
    hubUrl: url,
  });
  const labsStarted = supervisor.startAll();

  // Meanwhile the hub's own modules (markdown, highlighting, diff) and its browser script,
  // bundled once at start, so the first lab view is as quick as the next.
  const { hubRoutes } = await import('./routes.ts');
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
  handle = hubRoutes(supervisor, {
    clientJs: () => clientJs,
    styleCss: readFileSync(join(import.meta.dirname, 'client', 'style.css'), 'utf8'),
    hljsCss: readFileSync(require.resolve('highlight.js/styles/github.css'), 'utf8'),
    favicon: readFileSync(join(import.meta.dirname, 'client', 'favicon.svg'), 'utf8'),
  });

  // Render every lab's notes and diff once the labs are up, so even the first view of a lab is quick.
  void labsStarted.then(async () => {
    const { renderNotesFile } = await import('./notes.ts');
    const { diffLabs } = await import('./diff.ts');
    for (const [i, lab] of labs.entries()) {
      await new Promise((resolve) => setImmediate(resolve));
      renderNotesFile(lab.name);
      renderNotesFile(lab.name, 'zh');
      if (i > 0) diffLabs(labs[i - 1]!.dir, lab.dir, { withTests: false });
    }
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopAllRuns();
      server.closeAllConnections();
      await Promise.all([supervisor.stopAll(), new Promise<void>((resolve) => server.close(() => resolve()))]);
    })());
  return { url, port, supervisor, labsStarted, close };
}
