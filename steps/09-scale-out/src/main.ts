// `npm run lab -- 09` runs this: the lesson in server.ts, on port 3009 (PORT overrides it).
// `npm run lab -- 09 --nodes 2` runs two nodes, on ports 3009 and 3019, sharing one Redis.
// Redis is REDIS_URL if set; otherwise a private redis-server on a free port, stopped on exit.
import { runLab, startLabProcess, type LabProcess } from '@labs/shared';
import { REDIS_MISSING, redisServerInstalled, startRedisServer } from '@labs/shared/redis-server';
import { attach } from './server.ts';
import { RedisUnreachable } from './store.ts';

const labDir = new URL('..', import.meta.url);
const args = process.argv.slice(2);
const nodesArg = args.find((arg) => arg.startsWith('--nodes='))?.slice('--nodes='.length) ?? args[args.indexOf('--nodes') + 1];
const nodes = args.some((arg) => arg.startsWith('--nodes')) ? Number(nodesArg) : 1;
if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) {
  console.error(`--nodes takes a number from 1 to 9, not "${nodesArg}".`);
  process.exit(1);
}

let redisUrl = process.env.REDIS_URL;
let whichRedis: string;
if (redisUrl) {
  if (!isRedisUrl(redisUrl)) {
    console.error(`REDIS_URL must look like redis://host:port (e.g. redis://localhost:6379), not "${redisUrl}".`);
    process.exit(1);
  }
  whichRedis = `${redisUrl}, from REDIS_URL`;
} else {
  if (!redisServerInstalled()) {
    console.error(REDIS_MISSING);
    process.exit(1);
  }
  redisUrl = (await startRedisServer()).url;
  whichRedis = `a private redis-server at ${redisUrl}, stopped on exit`;
}

// The first node runs in this process and prints the first page's address first.
const first = await runLab({ labDir, attach: (io, app) => attach(io, { redisUrl }, app) }).catch((error: unknown) => {
  if (!(error instanceof RedisUnreachable)) throw error;
  const fix = process.env.REDIS_URL ? ' Start it, or unset REDIS_URL to use a private one.' : '';
  console.error(`${error.message}${fix}`);
  process.exit(1);
});

// The other nodes are separate processes, as on separate machines: nothing shared but Redis.
const basePort = process.env.PORT === undefined || process.env.PORT === '' ? 3009 : Number(process.env.PORT);
const others: LabProcess[] = [];
process.once('exit', () => {
  for (const node of others) node.child.kill('SIGTERM');
});
for (let n = 2; n <= nodes; n++) {
  const port = basePort === 0 ? 0 : basePort + 10 * (n - 1);
  let node: LabProcess;
  try {
    node = await startLabProcess({ labDir, env: { PORT: String(port), REDIS_URL: redisUrl } });
  } catch (error) {
    // Most often its port is taken. Half a cluster would only confuse: stop them all.
    console.error(`Node ${n} did not start on port ${port}, so no node keeps running. It said:\n${(error as Error).message}`);
    await first.close();
    process.exit(1);
  }
  others.push(node);
  console.log(`node ${n}: ${node.url}`);
  // Its later warnings (Redis going away, say) come here too, labelled.
  node.child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(String(chunk).replace(/^(?=.)/gm, `node ${n}: `)));
  node.child.once('exit', (code, signal) => console.error(`node ${n} stopped (${signal ?? `exit code ${code}`}).`));
}
console.log(`Redis: ${whichRedis}.`);

function isRedisUrl(url: string) {
  try {
    return ['redis:', 'rediss:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
