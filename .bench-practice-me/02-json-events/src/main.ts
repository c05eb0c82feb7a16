// `npm run lab -- 02` runs this: the lesson in server.ts, on port 3002 (PORT overrides it).
import { runLab } from '@labs/shared';
import { attach } from './server.ts';

await runLab({ labDir: new URL('..', import.meta.url), attach });
