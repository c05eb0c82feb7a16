// `npm run lab -- 08` runs this: the lesson in server.ts, on port 3008 (PORT overrides it).
// The database is DB_FILE, or data/private-chat.db in this lab (git-ignored).
import { runLab } from '@labs/shared';
import { fileURLToPath } from 'node:url';
import { attach, serverOptions, type LabServer } from './server.ts';

const dbFile = process.env.DB_FILE || fileURLToPath(new URL('../data/private-chat.db', import.meta.url));

await runLab({ labDir: new URL('..', import.meta.url), attach: (io: LabServer) => attach(io, { dbFile }), serverOptions });
