// `npm run lab -- 01` runs this: the lesson in server.ts, on port 3001 (PORT overrides it).
import { runLab } from '@labs/shared';
import { attach } from './server.ts';

await runLab({ labDir: new URL('..', import.meta.url), attach });
