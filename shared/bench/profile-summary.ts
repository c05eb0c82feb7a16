// tsx shared/bench/profile-summary.ts FILE.cpuprofile [TOP]: where a server spent its CPU, by
// function (self time), and the total spent under each of the lab's own files (inclusive time).
// `npm run bench -- 07 --profile` writes one profile per server (lab and twin) to print here.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('profile-summary.ts takes a .cpuprofile file.');
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const name = (node: Node) => {
  const where = node.callFrame.url.replace(/^.*\/(node_modules|steps|shared)\//, '$1/');
  return `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
};
const selfByName = new Map<string, number>();
const inclusiveByFile = new Map<string, number>();
for (const [id, micros] of self) {
  const node = byId.get(id)!;
  selfByName.set(name(node), (selfByName.get(name(node)) ?? 0) + micros);
  // Inclusive: every distinct lab/shared file on the stack gets the sample once.
  const files = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const url = byId.get(at)!.callFrame.url;
    if (/\/(steps|shared)\//.test(url) && !url.includes('node_modules')) files.add(url.replace(/^.*\/(steps|shared)\//, '$1/'));
  }
  for (const f of files) inclusiveByFile.set(f, (inclusiveByFile.get(f) ?? 0) + micros);
}
const pct = (micros: number) =>
  `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms`;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
console.log('\nself time, top functions:');
for (const [fn, micros] of [...selfByName].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 30)))
  console.log(`${pct(micros)}  ${fn}`);
console.log("\ninclusive time under the course's own files:");
for (const [f, micros] of [...inclusiveByFile].sort((a, b) => b[1] - a[1])) console.log(`${pct(micros)}  ${f}`);
