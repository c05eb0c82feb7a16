export { startLab, type Attach, type Cleanup, type RunningLab, type StartLabOptions } from './start-lab.ts';
export { runLab } from './run-lab.ts';
export { exitWithParent, startLabProcess, type LabProcess, type LabProcessOptions } from './lab-process.ts';
export { COULD_NOT_SAVE, fail, guarded, replyVia, type Ack, type Answer } from './acks.ts';
export { FLOOD_CUTOFF, MAX_PACKET_BYTES, RATE_ERROR, SEND_BURST, SEND_RATE, tokenBucket } from './limits.ts';
export { checkPackets, schemaFor } from './packet-guard.ts';
