// The hub's lab processes: one per lab (its own process, so one lab's crash never touches another),
// plus a learner's practice copy on demand. It knows each one's state and last lines, restarts
// on request (a copy also when its files change), and stops them all on the way out.
import { EventEmitter } from 'node:events';
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join, relative } from 'node:path';
import { startLabProcess, type LabProcess } from '../src/lab-process.ts';
import { repoRoot, type LabInfo } from '../src/labs.ts';

export type ServerKind = 'solution' | 'practice';

export interface ServerStatus {
  kind: ServerKind;
  state: 'starting' | 'up' | 'down' | 'off';
  port?: number;
  pid?: number;
  /** Ports of a lab's further nodes (lab 09 runs two), each printed as "node N: http://…". */
  otherNodes?: number[];
  /** The end of its output, when it is down: usually the error that stopped it. */
  lastLines?: string[];
}

export interface LabStatus {
  number: string;
  solution: ServerStatus;
  practice: ServerStatus & { exists: boolean };
}

interface Slot {
  status: ServerStatus;
  process?: LabProcess;
  /** Bumped on every start, so an old process's exit cannot overwrite a new one's state. */
  generation: number;
}

const LAST_LINES = 12;
const STOP_GRACE_MS = 5000;

export class Supervisor extends EventEmitter<{ change: [] }> {
  private slots = new Map<string, Slot>();
  private watchers = new Map<string, FSWatcher[]>();
  private stopping = false;

  constructor(
    readonly labs: LabInfo[],
    private options: {
      /** The port for a lab's solution server: its own fixed one, or 0 for a free one. */
      solutionPort: (lab: LabInfo) => number;
      host: string;
      /** Each lab page links back here (HUB_URL). */
      hubUrl: string;
    },
  ) {
    super();
    for (const lab of labs) {
      this.slots.set(this.key(lab, 'solution'), { status: { kind: 'solution', state: 'off' }, generation: 0 });
      this.slots.set(this.key(lab, 'practice'), { status: { kind: 'practice', state: 'off' }, generation: 0 });
    }
  }

  private key(lab: LabInfo, kind: ServerKind) {
    return `${lab.number}:${kind}`;
  }

  private slot(lab: LabInfo, kind: ServerKind): Slot {
    return this.slots.get(this.key(lab, kind))!;
  }

  status(): LabStatus[] {
    return this.labs.map((lab) => ({
      number: lab.number,
      solution: { ...this.slot(lab, 'solution').status },
      practice: { ...this.slot(lab, 'practice').status, exists: existsSync(lab.practiceDir) },
    }));
  }

  /** Every lab's solution server, all at once: their start-up costs overlap. */
  startAll(): Promise<void> {
    return Promise.all(this.labs.map((lab) => this.start(lab, 'solution'))).then(() => undefined);
  }

  async start(lab: LabInfo, kind: ServerKind): Promise<ServerStatus> {
    if (this.stopping) return this.slot(lab, kind).status;
    const slot = this.slot(lab, kind);
    const generation = ++slot.generation;
    const old = slot.process;
    slot.process = undefined;
    await old?.stop();
    const dir = kind === 'solution' ? lab.dir : lab.practiceDir;
    // The practice copy gets a free port: the solution keeps the lab's own.
    const port = kind === 'solution' ? this.options.solutionPort(lab) : 0;
    slot.status = { kind, state: 'starting' };
    this.emit('change');
    try {
      const started = await startLabProcess({
        labDir: dir,
        // The lab's hubArgs: lab 09 runs as two nodes.
        args: lab.hubArgs,
        env: { PORT: String(port), HOST: this.options.host, HUB_URL: this.options.hubUrl, LAB_SOURCE: relative(repoRoot, dir) },
        // Nine labs start at once: on a busy 2-core machine one may take a while, which is no crash.
        timeoutMs: 60_000,
      });
      if (generation !== slot.generation || this.stopping) {
        await started.stop();
        return slot.status;
      }
      slot.process = started;
      slot.status = { kind, state: 'up', port: Number(new URL(started.url).port), pid: started.child.pid, otherNodes: [] };
      // A lab with several nodes (09) prints "node 2: http://…" for each further one.
      const readNodes = () => {
        const ports = [...started.output().matchAll(/^node \d+: http:\/\/\S+:(\d+)\//gm)].map((m) => Number(m[1]));
        if (generation !== slot.generation || slot.status.state !== 'up' || ports.length === slot.status.otherNodes?.length)
          return;
        slot.status = { ...slot.status, otherNodes: ports };
        this.emit('change');
      };
      readNodes();
      started.child.stdout!.on('data', readNodes);
      started.child.once('exit', (code, signal) => {
        if (generation !== slot.generation) return;
        slot.process = undefined;
        const why = signal ? `stopped by ${signal}` : `exited with code ${code}`;
        slot.status = { kind, state: 'down', lastLines: [...lastLines(started.output()), `(${why})`] };
        this.emit('change');
      });
      if (kind === 'practice') this.watchCopy(lab);
    } catch (error) {
      if (generation === slot.generation) slot.status = { kind, state: 'down', lastLines: lastLines((error as Error).message) };
    }
    this.emit('change');
    return slot.status;
  }

  /** The practice copy's server restarts when one of its files changes, as `tsx watch` would. */
  private watchCopy(lab: LabInfo) {
    if (this.watchers.has(lab.number)) return;
    let timer: NodeJS.Timeout | undefined;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.start(lab, 'practice'), 150);
    };
    const watchers = ['src', 'page']
      .map((folder) => join(lab.practiceDir, folder))
      .filter((folder) => existsSync(folder))
      .map((folder) => watch(folder, { recursive: true }, restart));
    this.watchers.set(lab.number, watchers);
  }

  /** SIGTERM, and SIGKILL for a lab that has not stopped within STOP_GRACE_MS: nothing may keep a port. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const watchers of this.watchers.values()) for (const watcher of watchers) watcher.close();
    await Promise.all(
      [...this.slots.values()].map(async (slot) => {
        if (!slot.process) return;
        const lab = slot.process;
        const kill = setTimeout(() => void lab.stop('SIGKILL'), STOP_GRACE_MS);
        await lab.stop();
        clearTimeout(kill);
      }),
    );
  }
}

function lastLines(text: string): string[] {
  return text.trimEnd().split('\n').slice(-LAST_LINES);
}
