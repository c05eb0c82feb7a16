// How far the learner's practice copy of a lab has come: what `npm run progress` prints and the hub shows.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from './labs.ts';
import { listRegions, remainingTodos } from './practice.ts';

export interface LabProgress {
  state: 'not-started' | 'in-progress' | 'done';
  /** One line, e.g. "…  in progress (3 of 7 checkpoints)". */
  text: string;
}

export function labProgress(lab: LabInfo): LabProgress {
  if (!existsSync(lab.practiceDir)) return { state: 'not-started', text: '·  not started' };
  const progressFile = join(lab.practiceDir, '.checkpoints', 'progress.json');
  if (existsSync(progressFile)) {
    const { passed, total } = JSON.parse(readFileSync(progressFile, 'utf8')) as { passed: number; total: number };
    if (passed === total && total > 0) return { state: 'done', text: `✅ done (${total} of ${total} checkpoints)` };
    return { state: 'in-progress', text: `…  in progress (${passed} of ${total} checkpoints)` };
  }
  const todos = remainingTodos(lab.practiceDir).length;
  const regions = listRegions(lab.dir).length;
  return {
    state: 'in-progress',
    text: `…  in progress (${regions - todos} of ${regions} TODOs touched; run npm run check -- ${lab.number})`,
  };
}
