// check names the learner's own line for an exception in the page: the page's stack points into the
// bundle (main.js), and check maps it back through the bundle's source map to page/main.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtimeErrors } from '../src/check-causes.ts';
import { PROVOKED } from '../src/checkpoints.ts';
import { bundlePage } from '../src/page-bundle.ts';

const fixture = fileURLToPath(new URL('fixture', import.meta.url));

describe('check names the cause', () => {
  it('an exception in the page is shown at its page/main.ts line, once, though the page logs it and it goes uncaught', async () => {
    // Where the fixture's "show" handler stands in the source, and where the bundle put it.
    const sourceLine =
      readFileSync(`${fixture}/page/main.ts`, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes("socket.on('show'")) + 1;
    const bundle = await bundlePage(`${fixture}/page`);
    const { script } = await bundle.build();
    await bundle.dispose();
    const bundleLine = script.split('\n').findIndex((l) => l.includes('socket.on("show"')) + 1;
    expect(bundleLine, 'the bundle should hold the fixture page\'s socket.on("show")').toBeGreaterThan(0);

    const frame = `    at Socket2.<anonymous> (http://localhost:4321/main.js:${bundleLine}:3)`;
    const findings = await runtimeErrors(
      fixture,
      [`page error: line is not defined\n${frame}\n`],
      [{ message: 'line is not defined', stack: `ReferenceError: line is not defined\n${frame}` }],
    );
    expect(findings).toEqual([{ where: `shared/test/fixture/page/main.ts:${sourceLine}`, message: 'line is not defined' }]);
  });

  it("an error a checkpoint provokes on purpose is not shown as the learner's, one in their code is", async () => {
    const frame = (line: number) => `    at Statement.run (${fixture}/src/store.ts:${line}:20)`;
    const findings = await runtimeErrors(
      fixture,
      [
        `a request failed (the stack says where): SqliteError: simulated failure, ${PROVOKED}\n${frame(77)}\n`,
        `a request failed (the stack says where): ReferenceError: roomid is not defined\n${frame(12)}\n`,
      ],
      [],
    );
    expect(findings).toEqual([
      { where: 'shared/test/fixture/src/store.ts:12', message: 'ReferenceError: roomid is not defined' },
    ]);
  });
});
