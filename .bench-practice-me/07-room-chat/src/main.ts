// `npm run lab -- 07` runs this: the lesson in server.ts, on port 3007 (PORT overrides it).
// The database is DB_FILE, or data/room-chat.db in this lab (git-ignored, created on first start).
import { runLab } from '@labs/shared';
import { fileURLToPath } from 'node:url';
import { attach, serverOptions } from './server.ts';

const dbFile = process.env.DB_FILE || fileURLToPath(new URL('../data/room-chat.db', import.meta.url));

await runLab({ labDir: new URL('..', import.meta.url), attach: (io) => attach(io, { dbFile }), serverOptions });
