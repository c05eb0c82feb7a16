// The page is TypeScript that imports socket.io-client from npm, so the browser needs a bundle.
// esbuild builds it once at start (a broken page fails fast) and again on each request
// for /main.js, so a learner's edit shows up on reload. Incremental rebuilds take milliseconds.
import * as esbuild from 'esbuild';
import { join } from 'node:path';

export interface PageBundle {
  /** The current bundle, rebuilt from page/main.ts. */
  build(): Promise<string>;
  dispose(): Promise<void>;
}

export async function bundlePage(pageDir: string): Promise<PageBundle> {
  const context = await esbuild.context({
    entryPoints: [join(pageDir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const build = async () => {
    const result = await context.rebuild();
    return result.outputFiles?.[0]?.text ?? '';
  };
  await build();
  return { build, dispose: () => context.dispose() };
}
