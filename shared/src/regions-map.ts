// The region → checkpoint map: for each practice region, the checkpoints that fail when that region
// alone is cut. The honesty gate writes it (and CI fails when the committed one is stale);
// `npm run check` reads it to name the region whose checkpoints fail, TODO line or not.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type RegionsMap = Record<string, string[]>;

export const regionsMapFile = (labDir: string) => join(labDir, 'test', 'regions.json');

export function readRegionsMap(labDir: string): RegionsMap | undefined {
  const file = regionsMapFile(labDir);
  if (!existsSync(file)) return undefined;
  const { regions } = JSON.parse(readFileSync(file, 'utf8')) as { regions: RegionsMap };
  return regions;
}

export function regionsMapText(regions: RegionsMap): string {
  const sorted = Object.fromEntries(Object.entries(regions).map(([id, titles]) => [id, [...titles].sort()]));
  const note = 'Written by `npm run honesty -- NN`: the checkpoints that fail when each practice region alone is cut.';
  return `${JSON.stringify({ note, regions: sorted }, null, 2)}\n`;
}

export function writeRegionsMap(labDir: string, regions: RegionsMap) {
  writeFileSync(regionsMapFile(labDir), regionsMapText(regions));
}

/**
 * The regions that best explain a set of failing checkpoints: greedily, the region whose checkpoints
 * (among those that ran) match the failures best, until every failure is explained or no region
 * explains any, plus every region all of whose checkpoints failed. Returned in the order a learner does them.
 */
export function suspectRegions(map: RegionsMap, failing: string[], ran: string[]): string[] {
  const left = new Set(failing);
  const chosen: string[] = [];
  const ids = Object.keys(map).sort(compareRegionIds);
  // Only what ran can have failed: a checkpoint left out (--bail) tells nothing about a region.
  const inRun = new Set(ran);
  while (left.size > 0) {
    let best: { id: string; covered: number; score: number } | undefined;
    for (const id of ids) {
      if (chosen.includes(id)) continue;
      const caught = map[id]!.filter((title) => inRun.has(title));
      const covered = caught.filter((title) => left.has(title)).length;
      if (covered === 0) continue;
      // The closest match first: the region whose checkpoints are the ones failing, no more, no fewer.
      const score = covered / (caught.length + left.size - covered);
      if (!best || score > best.score || (score === best.score && covered > best.covered)) best = { id, covered, score };
    }
    if (!best) break;
    chosen.push(best.id);
    for (const title of map[best.id]!) left.delete(title);
  }
  // A region every one of whose checkpoints failed is open too, even when a later region explains them:
  // on a fresh copy, 01.2's checkpoints include 01.1's, and the learner starts with 01.1.
  const failed = new Set(failing);
  for (const id of ids) {
    const caught = map[id]!.filter((title) => inRun.has(title));
    if (!chosen.includes(id) && caught.length > 0 && caught.every((title) => failed.has(title))) chosen.push(id);
  }
  return chosen.sort(compareRegionIds);
}

function compareRegionIds(a: string, b: string): number {
  const [la, na] = a.split('.').map(Number);
  const [lb, nb] = b.split('.').map(Number);
  return la! - lb! || na! - nb!;
}
