// The soak's flooder, in a process of its own so that its sending never slows the process that
// times the others: node --import tsx shared/bench/flooder.ts URL ROOM_ID SECONDS
// It joins the room, sends 200 messages every 10 ms until the server cuts it off or time is up,
// and prints one JSON line: { accepted, refused, errors, cutOffAfterMs }.
import { io } from 'socket.io-client';

const [url, roomArg, secondsArg] = process.argv.slice(2);
const roomId = Number(roomArg);
const until = performance.now() + Number(secondsArg) * 1000;
const socket = io(url!, { transports: ['websocket'], auth: { username: 'flooder' }, forceNew: true, reconnection: false });
await new Promise<void>((resolve, reject) => {
  socket.once('connect', () => resolve());
  socket.once('connect_error', reject);
});
const joined = await socket.timeout(5000).emitWithAck('room:join', { roomId });
if (!joined.ok) throw new Error(`the flooder could not join: ${JSON.stringify(joined)}`);

let accepted = 0;
let refused = 0;
const errors = new Set<string>();
let cutOffAfterMs: number | undefined;
const started = performance.now();
socket.once('disconnect', () => (cutOffAfterMs = performance.now() - started));
process.stdout.write('flooding\n');
// 200 sends every 10 ms, none awaited: 20,000 a second, until the server cuts the socket off.
for (let i = 0; socket.connected && performance.now() < until && i < 100_000; i += 200) {
  for (let k = 0; k < 200; k++) {
    socket.emit('message:send', { roomId, text: `flood ${i + k}` }, (answer: { ok: boolean; error?: string }) => {
      if (answer.ok) accepted += 1;
      else {
        refused += 1;
        errors.add(answer.error ?? '');
      }
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
socket.disconnect();
process.stdout.write(`${JSON.stringify({ accepted, refused, errors: [...errors], cutOffAfterMs })}\n`);
process.exit(0);
