export { startLab, type Attach, type Cleanup, type RunningLab, type StartLabOptions } from './start-lab.ts';
export { runLab } from './run-lab.ts';
