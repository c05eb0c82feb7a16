// One vitest configuration for every lab: each lab's vitest.config.ts re-exports this.
// The JSON report in .checkpoints/ is what `npm test` counts and what the notes check reads.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Checkpoints mostly wait on sockets, not on the CPU: run a lab's three files side by side.
    maxWorkers: 3,
    testTimeout: 15_000,
    // A failure shows the whole of what differs, never "{ id: 8, name: 'Library 7', …(3) }".
    chaiConfig: { truncateThreshold: 0 },
    hookTimeout: 30_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.checkpoints/results.json' },
  },
});
