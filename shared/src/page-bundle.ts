// The page is TypeScript that imports socket.io-client from npm, so the browser needs a bundle.
// esbuild builds it once at start (a broken page fails fast) and again on each request
// for /main.js, so a learner's edit shows up on reload. Incremental rebuilds take milliseconds.
import * as esbuild from 'esbuild';
import { join } from 'node:path';

export interface PageBundle {
  /** The current bundle, rebuilt from page/main.ts: main.js and its source map, main.js.map. */
  build(): Promise<{ script: string; sourceMap: string }>;
  dispose(): Promise<void>;
}

export async function bundlePage(pageDir: string, { wire = true }: { wire?: boolean } = {}): Promise<PageBundle> {
  const context = await esbuild.context({
    entryPoints: [join(pageDir, 'main.ts')],
    // The hub's frame buttons (disconnect / reconnect) reach the page's sockets through this hook.
    inject: [join(import.meta.dirname, 'page-hook.ts')],
    bundle: true,
    write: false,
    outfile: join(pageDir, 'main.js'),
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // A linked map: the browser's devtools show page/main.ts, and jsdom does not parse it.
    sourcemap: 'linked',
    logLevel: 'silent',
    // The wire panel's switch (shared/src/wire/page.ts): WIRE=0 turns showWire() into nothing.
    define: { __LAB_WIRE__: String(wire) },
  });
  const build = async () => {
    const { outputFiles = [] } = await context.rebuild();
    const text = (suffix: string) => outputFiles.find((file) => file.path.endsWith(suffix))?.text ?? '';
    return { script: text('main.js'), sourceMap: text('main.js.map') };
  };
  await build();
  return { build, dispose: () => context.dispose() };
}
