// `npm run lab -- 10` runs this: the lesson in server.ts, on port 3010 (PORT overrides it).
// `npm run lab -- 10 --nodes 2` runs two nodes, on ports 3010 and 3020, sharing one Redis (see runNodes).
import { runNodes } from '@labs/shared/run-nodes';
import { attach, serverOptions } from './server.ts';

await runNodes({
  labDir: new URL('..', import.meta.url),
  serverOptions,
  attach: (redisUrl) => (io, app) => attach(io, { redisUrl }, app),
});
