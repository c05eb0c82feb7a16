// `npm run lab -- 09` runs this: the lesson in server.ts, on port 3009 (PORT overrides it).
// `npm run lab -- 09 --nodes 2` runs two nodes (3009 and 3019) on one machine: one Redis, one SQLite file.
// The database is DB_FILE, or data/room-chat.db in this lab (git-ignored, created on first start).
import { runNodes } from '@labs/shared/run-nodes';
import { fileURLToPath } from 'node:url';
import { attach, serverOptions } from './server.ts';

const dbFile = process.env.DB_FILE || fileURLToPath(new URL('../data/room-chat.db', import.meta.url));

await runNodes({
  labDir: new URL('..', import.meta.url),
  serverOptions,
  attach: (redisUrl) => (io) => attach(io, { dbFile, redisUrl }),
});
