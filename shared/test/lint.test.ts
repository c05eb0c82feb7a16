// The lint step itself: `npm test` runs `npm run lint`, so these prove that the repository's biome
// configuration fails a misformatted or sloppy file and passes a clean one. Each probe is a real file
// in a temporary folder inside the repository, removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/labs.ts';

const lintScript = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.lint as string;

/** Runs the lint script's command on one file in a fresh folder inside the repository, so the repository's config applies. */
function lint(source: string) {
  const dir = mkdtempSync(join(repoRoot, 'shared', 'test', 'lint-probe-'));
  try {
    writeFileSync(join(dir, 'probe.ts'), source);
    // 'biome check --error-on-warnings .' without 'biome' and '.': the same check, on the probe only.
    const args = lintScript.split(' ').slice(1, -1);
    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'biome'), [...args, '--colors=off', dir], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const output = `${result.stdout}${result.stderr}`;
    // A folder biome skipped (ignored by the config) would fail too, for the wrong reason.
    expect(output, `expected biome to check the probe file, but it said:\n${output}`).toMatch(/Checked 1 file/);
    return { code: result.status, output };
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

  it('biome check fails on a misformatted file and passes on the formatted one', () => {
    const bad = lint(misformatted);
    expect(bad.code, `expected biome check to fail on a misformatted file, but it exited ${bad.code}:\n${bad.output}`).not.toBe(
      0,
    );
    expect(bad.output).toContain('Formatter would have printed the following content');
    const good = lint(formatted);
    expect(good.code, `expected biome check to pass the formatted file, but it exited ${good.code}:\n${good.output}`).toBe(0);
  });

  it('biome check fails on == and on an unused variable', () => {
    const equals = lint('export const same = (a: unknown, b: unknown) => a == b;\n');
    expect(equals.code, `expected == to be an error, but biome exited ${equals.code}`).not.toBe(0);
    expect(equals.output).toContain('lint/suspicious/noDoubleEquals');
    const unused = lint("export function join(room: string) {\n  const socketId = 'x';\n  return room;\n}\n");
    expect(unused.code, `expected an unused variable to be an error, but biome exited ${unused.code}`).not.toBe(0);
    expect(unused.output).toContain('lint/correctness/noUnusedVariables');
  });

  it('biome check fails on a promise nobody awaits', () => {
    const floating = lint('async function save(): Promise<void> {}\nexport function handler() {\n  save();\n}\n');
    expect(floating.code, `expected a floating promise to be an error, but biome exited ${floating.code}`).not.toBe(0);
    expect(floating.output).toContain('lint/nursery/noFloatingPromises');
  });
});
