// `npm run lab -- 09` runs this: the lesson in server.ts, on port 3009 (PORT overrides it).
// `npm run lab -- 09 --nodes 2` runs two nodes, on ports 3009 and 3019, sharing one Redis.
// Redis is REDIS_URL if set; otherwise a private redis-server on a free port, stopped on exit.
import { runLab } from '@labs/shared';
import { REDIS_MISSING, redisServerInstalled, startRedisServer } from '@labs/shared/redis-server';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { attach } from './server.ts';

const args = process.argv.slice(2);
const nodesArg = args.find((arg) => arg.startsWith('--nodes='))?.slice('--nodes='.length) ?? args[args.indexOf('--nodes') + 1];
const nodes = args.some((arg) => arg.startsWith('--nodes')) ? Number(nodesArg) : 1;
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) {
  console.error(`--nodes takes a number from 1 to 9, not "${nodesArg}".`);
  process.exit(1);
}

let redisUrl = process.env.REDIS_URL;
let privateRedis = '';
if (!redisUrl) {
  if (!redisServerInstalled()) {
    console.error(REDIS_MISSING);
    process.exit(1);
  }
  redisUrl = (await startRedisServer()).url;
  privateRedis = `a private redis-server at ${redisUrl}, stopped on exit`;
}

// The first node runs in this process and prints the first page's address first.
await runLab({ labDir: new URL('..', import.meta.url), attach: (io, app) => attach(io, { redisUrl }, app) });

// The other nodes are separate processes, as on separate machines: nothing shared but Redis.
const basePort = process.env.PORT === undefined || process.env.PORT === '' ? 3009 : Number(process.env.PORT);
const children: ChildProcess[] = [];
for (let i = 1; i < nodes; i++) {
  const port = basePort === 0 ? 0 : basePort + 10 * i;
  children.push(
    spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      // LAB_PARENT_PID: each extra node stops by itself if this first node dies.
      env: { ...process.env, PORT: String(port), REDIS_URL: redisUrl, LAB_PARENT_PID: String(process.pid) },
      stdio: 'inherit',
    }),
  );
}
process.once('exit', () => children.forEach((child) => child.kill('SIGTERM')));
if (privateRedis) console.log(`Redis: ${privateRedis}.`);
