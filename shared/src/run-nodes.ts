// runNodes(): the main.ts of a lab that runs as several nodes sharing one Redis (labs 09 and 10).
// `npm run lab -- NN --nodes 2` runs node 1 in this process on the lab's port (through runLab, so
// PORT and HOST work as for every lab), and node n in a process of its own on port + 10 × (n − 1).
// Redis is REDIS_URL if set; otherwise a private redis-server on a free port, stopped on exit.
import { runLab } from './run-lab.ts';
import { startLabProcess, type LabProcess } from './lab-process.ts';
import { readManifest } from './labs.ts';
import { REDIS_MISSING, RedisUnreachable, redisServerInstalled, startRedisServer } from './redis-server.ts';
import type { Attach } from './start-lab.ts';
import { fileURLToPath } from 'node:url';
import type { ServerOptions } from 'socket.io';

export interface RunNodesOptions<C extends object, S extends object> {
  labDir: string | URL;
  /** The lab's attach, given the Redis every node shares. */
  attach: (redisUrl: string) => Attach<C, S>;
  serverOptions?: Partial<ServerOptions>;
}

/** `--nodes N` or `--nodes=N` among the arguments: 1 to 9, 1 when absent. */
export function nodesWanted(args: string[]): number {
  const flag = args.findIndex((arg) => arg === '--nodes' || arg.startsWith('--nodes='));
  if (flag < 0) return 1;
  const value = args[flag]!.includes('=') ? args[flag]!.slice('--nodes='.length) : args[flag + 1];
  const nodes = Number(value);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 9) fatal(`--nodes takes a number from 1 to 9, not "${value}".`);
  return nodes;
}

export async function runNodes<C extends object, S extends object>({ labDir, attach, serverOptions }: RunNodesOptions<C, S>) {
  const dir = labDir instanceof URL ? fileURLToPath(labDir) : labDir;
  const nodes = nodesWanted(process.argv.slice(2));
  const redisUrl = await redisForLab();

  // The first node runs in this process and prints the first page's address first.
  const first = await runLab({ labDir: dir, attach: attach(redisUrl), serverOptions }).catch((error: unknown) => {
    if (!(error instanceof RedisUnreachable)) throw error;
    fatal(`${error.message}${process.env.REDIS_URL ? ' Start it, or unset REDIS_URL to use a private one.' : ''}`);
  });

  // The other nodes are separate processes, as on separate machines: nothing shared but Redis (and, in lab 09, one file).
  const basePort = process.env.PORT === undefined || process.env.PORT === '' ? readManifest(dir).port : Number(process.env.PORT);
  const others: LabProcess[] = [];
  process.once('exit', () => {
    for (const node of others) node.child.kill('SIGTERM');
  });
  for (let n = 2; n <= nodes; n++) {
    const port = basePort === 0 ? 0 : basePort + 10 * (n - 1);
    let node: LabProcess;
    try {
      node = await startLabProcess({ labDir: dir, env: { PORT: String(port), REDIS_URL: redisUrl } });
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
  return first;
}

/** REDIS_URL, checked; or a private redis-server, said so once. */
async function redisForLab(): Promise<string> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    if (!isRedisUrl(fromEnv))
      fatal(`REDIS_URL must look like redis://host:port (e.g. redis://localhost:6379), not "${fromEnv}".`);
    console.error(`Redis: ${fromEnv}, from REDIS_URL.`);
    return fromEnv;
  }
  if (!redisServerInstalled()) fatal(REDIS_MISSING);
  const { url } = await startRedisServer();
  console.error(`Redis: a private redis-server at ${url}, stopped on exit.`);
  return url;
}

function isRedisUrl(url: string) {
  try {
    return ['redis:', 'rediss:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function fatal(message: string): never {
  console.error(message);
  process.exit(1);
}
