// startLab(): everything a lab needs around its lesson, so the lab's own files hold only
// the socket.io code it teaches. express serves page/index.html and the bundled page/main.ts,
// socket.io shares the same http server, and the lab's attach() adds its handlers.
import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server, type ServerOptions } from 'socket.io';
import { refuseDeepNesting } from './nesting-guard.ts';
import { mountLabExtras } from './lab-extras.ts';
import { bundlePage } from './page-bundle.ts';
import { attachWire, type WireOptions } from './wire/server.ts';

/** A lab's attach() may return a cleanup, e.g. closing its database. */
export type Cleanup = () => void | Promise<void>;
export type Attach<C extends object, S extends object> = (
  io: Server<C, S>,
  app: express.Express,
) => void | Cleanup | Promise<void | Cleanup>;

export interface StartLabOptions<C extends object, S extends object> {
  /** The lab's folder (the one with page/ in it), e.g. new URL('..', import.meta.url). */
  labDir: string | URL;
  attach: Attach<C, S>;
  /** 0, the default, takes a free port: what tests use. */
  port?: number;
  host?: string;
  serverOptions?: Partial<ServerOptions>;
  /** The wire panel (shared/src/wire): on unless WIRE=0; options (a test's rate cap) turn it on. */
  wire?: boolean | WireOptions;
}

export interface RunningLab<C extends object, S extends object> {
  /** http://localhost:PORT/ */
  url: string;
  port: number;
  io: Server<C, S>;
  httpServer: HttpServer;
  close(): Promise<void>;
}

export async function startLab<C extends object, S extends object>(options: StartLabOptions<C, S>): Promise<RunningLab<C, S>> {
  const labDir = options.labDir instanceof URL ? fileURLToPath(options.labDir) : options.labDir;
  const pageDir = join(labDir, 'page');
  const wire = options.wire ?? process.env.WIRE !== '0';
  const page = await bundlePage(pageDir, { wire: wire !== false });

  const app = express();
  const httpServer = createServer(app);
  const io = new Server<C, S>(httpServer, options.serverOptions);
  refuseDeepNesting(io);
  // The wire panel's feed, on its own namespace: what this server's engine writes and reads.
  const stopWire = wire ? attachWire(io as unknown as Server, wire === true ? {} : wire) : undefined;

  app.get('/main.js.map', async (_req, res) => {
    res.type('application/json').send((await page.build().catch(() => ({ sourceMap: '{}' }))).sourceMap);
  });
  app.get('/main.js', async (_req, res) => {
    try {
      res.type('application/javascript').send((await page.build()).script);
    } catch (error) {
      // A learner's typo in page/main.ts: say so in the browser console instead of a blank page.
      res.type('application/javascript').send(`console.error(${JSON.stringify(String(error))});`);
    }
  });
  mountLabExtras(app, labDir, pageDir); // favicon, header links, notes
  app.use(express.static(pageDir, { index: 'index.html' }));

  const cleanup = await options.attach(io, app);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // io.close() disconnects every client and closes the http server with it.
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
        // A connection a browser opened ahead of time, with no request on it yet, would hold
        // the http server open for minutes: close those too.
        httpServer.closeAllConnections();
      });
      stopWire?.();
      if (cleanup) await cleanup();
      await page.dispose();
    })());

  return { url: `http://localhost:${port}/`, port, io, httpServer, close };
}
