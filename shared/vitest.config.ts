// shared's own checkpoints: the hub, driven in real Chromium. Same report as every lab's,
// so `npm test` counts them in its summary line.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './src/vitest-config.ts';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['hub/test/**/*.test.ts'],
      // A Run button runs a whole lab's checkpoints inside one of these.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  }),
);
