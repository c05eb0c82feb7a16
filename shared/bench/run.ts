// The side-by-side bench's entry: `npm run bench` runs it through shared/cli/bench.ts.
//   tsx shared/bench/run.ts [NN… | anchors] [--quick | --full] [--n=100,1000] [--senders=1] [--profile]
// With every lab (no NN), it writes docs/performance-labs.svg; with `anchors`, docs/performance-anchors.svg.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docsDir } from '../src/labs.ts';
import { REDIS_MISSING, redisServerInstalled } from '../src/redis-server.ts';
import { chart } from './chart.ts';
import {
  ANCHORS,
  compare,
  labComparisons,
  machine,
  pinLoadGenerator,
  SETTINGS,
  table,
  type ComparisonResult,
  type Settings,
} from './side-by-side.ts';

const args = process.argv.slice(2);
const wanted = args.filter((arg) => !arg.startsWith('-'));
const settings: Settings = { ...SETTINGS[args.includes('--full') ? 'full' : args.includes('--quick') ? 'quick' : 'default'] };
// --n=100 (or --n=100,1000): the receiver counts to run.
const sizes = args.find((arg) => arg.startsWith('--n='));
if (sizes) settings.sizes = sizes.slice('--n='.length).split(',').map(Number);
// --senders=1: one sender carries the whole rate (the default, ten senders, is a busy chat's pace).
const senders = args.find((arg) => arg.startsWith('--senders='));
if (senders) settings.senders = Number(senders.slice('--senders='.length));
if (args.includes('--profile')) {
  settings.profileDir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  settings.reps = 1;
  settings.sizes = [100];
}
const anchors = wanted.includes('anchors');
// `anchors host redis`: only those anchors (by key), and then no chart.
const anchorKeys = wanted.filter((word) => word !== 'anchors');
const chosen = anchors
  ? ANCHORS.filter((c) => anchorKeys.length === 0 || anchorKeys.includes(c.key))
  : labComparisons().filter((c) => wanted.length === 0 || wanted.some((nn) => nn.padStart(2, '0') === c.key));
// Without redis-server the Redis rows are left out, and the run says so.
const withRedis = redisServerInstalled();
const comparisons = chosen.filter((c) => withRedis || !c.redis);
if (comparisons.length < chosen.length)
  console.log(`Skipping ${chosen.length - comparisons.length} comparison(s) on Redis: ${REDIS_MISSING}`);
if (comparisons.length === 0) {
  console.log(
    `No side-by-side comparison for ${wanted.join(', ')} (there is one for labs ${labComparisons()
      .map((c) => c.key)
      .join(', ')}, and "anchors").`,
  );
  process.exit(0);
}

const pinned = pinLoadGenerator();
const about = machine();
console.log(
  `Side by side: ${settings.senders} senders × ${settings.rate / settings.senders} msg/s, N = ${settings.sizes.join(' and ')} receivers, ${settings.reps} repetitions.`,
);
console.log(
  pinned
    ? 'Servers pinned to core 0, this load generator to core 1.'
    : 'Not pinned (taskset missing or one core): figures are noisier.',
);
console.log(`Machine: ${about}.`);
console.log('Other processes on this machine share its cores: the ratios hold better than the raw µs.');

const results: ComparisonResult[] = [];
for (const comparison of comparisons) {
  console.log(`\n${comparison.title}`);
  for (const n of settings.sizes) results.push(await compare(comparison, n, settings));
}
console.log(`\n${table(results)}\n`);
console.log(
  `A is the first name in each row, B the second. Per delivery = per message per socket it reached (N receivers + ${settings.senders} senders).`,
);

if (settings.profileDir) {
  console.log(
    `CPU profiles (one per server, open in Chrome devtools or summarise with shared/bench/profile-summary.ts): ${settings.profileDir}`,
  );
} else if (comparisons.length === chosen.length && ((anchors && anchorKeys.length === 0) || wanted.length === 0)) {
  const file = join(docsDir, anchors ? 'performance-anchors.svg' : 'performance-labs.svg');
  const title = anchors ? 'What each part of socket.io costs' : 'Each lab beside its bare socket.io twin';
  writeFileSync(file, chart(title, results, about, anchors ? undefined : 1.05));
  console.log(`Chart: ${file}`);
}
