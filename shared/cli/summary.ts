// Prints "Checkpoints: N passed, M failed" from every lab's last vitest report.
// CI reads this line; it counts the reports, not vitest's own console summary.
import { checkpointSummary } from '../src/summary.ts';

const { line, failed } = checkpointSummary();
console.log(line);
process.exitCode = failed > 0 ? 1 : 0;
