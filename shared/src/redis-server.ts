// A private redis-server for a lab or a test: a free port, no persistence, stopped on exit.
// Tests never share the usual 6379, so parallel test files cannot collide.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Thrown when a lab cannot reach Redis at start: runNodes prints its message, not a stack trace. */
export class RedisUnreachable extends Error {}

export const REDIS_MISSING =
  'Labs 09 and 10 need Redis. Install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), ' +
  'or point REDIS_URL at a running Redis (e.g. REDIS_URL=redis://localhost:6379).';

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM), as if Redis went away. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

const REDIS_ARGS = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'];

/** Runs redis-server "$@" until it exits, its owner process is gone, or the guard gets SIGTERM. */
const GUARD = `
redis-server "$@" & redis=$!
trap 'kill $redis 2>/dev/null; wait $redis; exit 0' TERM INT
while kill -0 "$OWNER_PID" 2>/dev/null && kill -0 $redis 2>/dev/null; do sleep 1; done
kill $redis 2>/dev/null; wait $redis
`;

export async function startRedisServer(): Promise<PrivateRedis> {
  if (!redisServerInstalled()) throw new Error(REDIS_MISSING);
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      // A small shell stands guard: if this process dies without stopping Redis (a SIGKILL,
      // a crashed test worker), the guard notices within a second and stops Redis itself.
      const server = spawn('sh', ['-c', GUARD, 'redis-guard', ...REDIS_ARGS, '--port', String(port)], {
        env: { ...process.env, OWNER_PID: String(process.pid) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = server;
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Ready to accept connections')) {
          server.stdout!.off('data', onData);
          server.stdout!.resume();
          resolve();
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.resume();
      server.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      const server = child;
      child = undefined;
      if (!server || server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });

  await start();
  // A lab or a test that forgets to stop it must not leave a redis-server behind.
  // SIGTERM, not SIGKILL: the guard's trap stops Redis, where a killed guard would orphan it.
  process.once('exit', () => child?.kill('SIGTERM'));
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}

/** The first connect, with a deadline: node-redis alone would retry forever and print nothing. */
export async function connectWithin(redis: { connect(): Promise<unknown>; destroy(): void }, url: string, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisUnreachable(`Cannot reach Redis at ${url} within ${ms / 1000} s.`)), ms);
  });
  try {
    await Promise.race([redis.connect(), deadline]);
  } catch (error) {
    redis.destroy();
    throw error instanceof RedisUnreachable
      ? error
      : new RedisUnreachable(`Cannot reach Redis at ${url}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
