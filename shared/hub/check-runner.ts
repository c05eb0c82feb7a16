// The Checkpoints tab's runner: the course's own `npm run check -- NN`, for a known lab only,
// its output passed on line by line as it prints. One run per lab at a time; a new one replaces it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, type LabInfo } from '../src/labs.ts';

const checkScript = join(repoRoot, 'shared', 'cli', 'check.ts');
const running = new Map<string, ChildProcess>();

/** Stops a run and everything it started (vitest, its workers, Chromium): they share a process group. */
function stopRun(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** Runs lab's check; calls onLine for each line it prints; resolves with its exit code. */
export function runCheck(lab: LabInfo, onLine: (line: string) => void, signal?: AbortSignal): Promise<number> {
  const previous = running.get(lab.number);
  if (previous) stopRun(previous);
  // node --import tsx, as `npm run check` runs it, without npm's wrapper process in between.
  const child = spawn(process.execPath, ['--import', 'tsx', checkScript, lab.number], {
    cwd: repoRoot,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.set(lab.number, child);
  signal?.addEventListener('abort', () => stopRun(child), { once: true });
  let pending = '';
  const read = (chunk: Buffer) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine(line);
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  return new Promise((resolve) => {
    child.once('close', (code) => {
      if (pending) onLine(pending);
      if (running.get(lab.number) === child) running.delete(lab.number);
      resolve(code ?? 1);
    });
  });
}

/** On the way out: no check run outlives the hub. */
export function stopAllRuns() {
  for (const child of running.values()) stopRun(child);
}
