// The lint step itself: `npm test` runs `npm run lint`, so these prove that the repository's biome
// configuration fails a misformatted or sloppy file and passes a clean one. Each probe is a real file
// in a temporary folder inside the repository, removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/labs.ts';

const lintScript = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.lint as string;

/**
 * Runs the lint script's command once on probe files in a fresh folder inside the repository, so the
 * repository's config applies. One run for many probes: biome scans the project on every start.
 */
function lint(probes: Record<string, string>) {
  const dir = mkdtempSync(join(repoRoot, 'shared', 'test', 'lint-probe-'));
  try {
    for (const [name, source] of Object.entries(probes)) writeFileSync(join(dir, name), source);
    // 'biome check --error-on-warnings .' without 'biome' and '.': the same check, on the probes only.
    const args = lintScript.split(' ').slice(1, -1);
    const result = spawnSync(
      join(repoRoot, 'node_modules', '.bin', 'biome'),
      [...args, '--colors=off', '--max-diagnostics=none', dir],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    );
    const output = `${result.stdout}${result.stderr}`;
    const count = Object.keys(probes).length;
    // A folder biome skipped (ignored by the config) would fail too, for the wrong reason.
    expect(output, `expected biome to check the ${count} probe file(s), but it said:\n${output}`).toMatch(
      new RegExp(`Checked ${count} files?`),
    );
    /** The diagnostics biome printed for one probe file. */
    const about = (name: string) =>
      output
        .split(/\n(?=\S)/)
        .filter((block) => block.includes(`${name}:`) || block.startsWith(`${join(dir, name)}`) || block.includes(`/${name} `))
        .join('\n');
    return { code: result.status, output, about };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const formatted =
  "import { Server } from 'socket.io';\n\nexport const io = new Server();\nio.on('connection', (socket) => socket.emit('hello', 'world'));\n";
const misformatted =
  'import {Server} from "socket.io"\nexport const io = new Server( )\nio.on("connection", socket => socket.emit("hello","world"))\n';

describe('biome: the course formatter and linter', () => {
  it('npm run lint is biome check on the whole tree, failing on warnings too', () => {
    expect(lintScript, 'expected the root lint script to check the whole tree and fail on any finding').toBe(
      'biome check --error-on-warnings .',
    );
  });

  it('biome check passes the formatted file', () => {
    const good = lint({ 'formatted.ts': formatted });
    expect(good.code, `expected biome check to pass the formatted file, but it exited ${good.code}:\n${good.output}`).toBe(0);
  });

  describe('biome check fails on each kind of finding', () => {
    let bad: ReturnType<typeof lint>;
    beforeAll(() => {
      bad = lint({
        'misformatted.ts': misformatted,
        'equals.ts': 'export const same = (a: unknown, b: unknown) => a == b;\n',
        'unused.ts': "export function join(room: string) {\n  const socketId = 'x';\n  return room;\n}\n",
        'floating.ts': 'async function save(): Promise<void> {}\nexport function handler() {\n  save();\n}\n',
      });
    });
    it('biome check fails on a misformatted file', () => {
      expect(bad.code, `expected biome check to fail, but it exited ${bad.code}:\n${bad.output}`).not.toBe(0);
      expect(bad.about('misformatted.ts'), 'expected a format finding in misformatted.ts').toContain(
        'Formatter would have printed the following content',
      );
    });
    it('biome check fails on == and on an unused variable', () => {
      expect(bad.about('equals.ts'), 'expected == to be reported in equals.ts').toContain('lint/suspicious/noDoubleEquals');
      expect(bad.about('unused.ts'), 'expected the unused variable to be reported in unused.ts').toContain(
        'lint/correctness/noUnusedVariables',
      );
    });
    it('biome check fails on a promise nobody awaits', () => {
      expect(bad.about('floating.ts'), 'expected the floating promise to be reported in floating.ts').toContain(
        'lint/nursery/noFloatingPromises',
      );
    });
  });
});
