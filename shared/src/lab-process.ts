// A lab's src/main.ts in a process of its own, as `npm run lab` runs it: for the hub, for
// checkpoints that must see a real crash or a SIGKILL, and for several nodes of one lab.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LabProcess {
  /** The page's address, read from the first line the lab prints. */
  url: string;
  child: ChildProcess;
  /** Everything it printed so far: worth showing when a checkpoint fails because it died. */
  output(): string;
  /** SIGTERM stops it cleanly; SIGKILL is a crash, nothing runs after it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface LabProcessOptions {
  /** The lab's folder (the one with src/main.ts). */
  labDir: string | URL;
  /** PORT defaults to 0, a free port. */
  env?: NodeJS.ProcessEnv;
  args?: string[];
  timeoutMs?: number;
}

export function startLabProcess({ labDir, env = {}, args = [], timeoutMs = 20_000 }: LabProcessOptions): Promise<LabProcess> {
  const dir = labDir instanceof URL ? fileURLToPath(labDir) : labDir;
  // node --import tsx, not the tsx command: that would be a wrapper process around the lab's, and
  // a SIGKILL must hit the lab itself, as a crash would.
  const child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'src', 'main.ts'), ...args], {
    cwd: dir,
    // LAB_PARENT_PID: the lab exits by itself if this process dies without stopping it.
    env: { ...process.env, PORT: '0', ...env, LAB_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const lab: LabProcess = {
    url: '',
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void lab.stop('SIGKILL');
      reject(new Error(`${dir} printed no URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /http:\/\/\S+:\d+\//.exec(output)?.[0];
      if (url && !lab.url) {
        clearTimeout(timer);
        lab.url = url;
        resolve(lab);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!lab.url) reject(new Error(`${dir} exited (${signal ?? code}) before printing its URL:\n${output}`));
    });
  });
}

/**
 * In a lab started by startLabProcess: exit when the parent process is gone, even if it was
 * SIGKILLed and could not stop us. A lab left running by a crashed test would hold its port.
 */
export function exitWithParent() {
  const parent = Number(process.env.LAB_PARENT_PID);
  if (!parent) return;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}

/**
 * SIGTERMs every process this one started, and theirs (vitest's workers, the labs and redis-servers
 * the checkpoints started, Chromium), so that a command can exit at once and leave nothing behind.
 * Reads Linux's /proc: returns false where there is none, and the caller must close things itself.
 */
export function stopDescendants(): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return false;
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after the last ")" are state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone already
    }
  }
  const found: number[] = [];
  for (let queue = [process.pid]; queue.length > 0; ) {
    const next = children.get(queue.shift()!) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  for (const pid of found) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone already
    }
  }
  return true;
}
