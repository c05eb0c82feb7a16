// npm start: the hub at http://localhost:3000/, every lab running beside it.
// HUB_PORT moves the hub (0: a free port), PORT=0 puts every lab on a free port, HOST opens it up.
import { startHub } from './hub.ts';

const hubPort = Number(process.env.HUB_PORT || 3000);
const host = process.env.HOST || 'localhost';
const labPorts = process.env.PORT === '0' ? 'free' : 'fixed';

let hub: Awaited<ReturnType<typeof startHub>>;
try {
  hub = await startHub({ port: hubPort, host, labPorts });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE' ? `Port ${hubPort} is in use. Stop what uses it, or run HUB_PORT=3100 npm start.` : String(error),
  );
  process.exit(1);
}
console.log(`Socket.IO Labs hub: ${hub.url}  (Ctrl+C stops every lab)`);

// Ctrl+C: every lab and check the hub started stops with it, so nothing keeps a port.
const stop = () => void hub.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

await hub.labsStarted;
for (const status of hub.supervisor.status()) {
  const server = status.solution;
  const where =
    server.state === 'up' ? `http://localhost:${server.port}/` : `not running: ${(server.lastLines ?? []).join(' ').slice(-300)}`;
  console.log(`  ${status.number}  ${where}`);
}
console.log(`All labs started in ${process.uptime().toFixed(1)} s.`);
