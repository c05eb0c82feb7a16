// shared's checkpoints: the course's tools first, then the hub on its own (it starts every lab,
// a browser and two whole checks, so nothing else should compete with it for the CPU).
import { defineConfig } from 'vitest/config';
import base from './src/vitest-config.ts';

const { include: _labTests, testTimeout, hookTimeout, ...shared } = base.test ?? {};
const hubTests = 'test/hub.chromium.test.ts';

export default defineConfig({
  test: {
    ...shared,
    projects: [
      {
        test: {
          name: 'tools',
          include: ['test/**/*.test.ts'],
          exclude: [hubTests, '**/node_modules/**'],
          testTimeout,
          hookTimeout,
          sequence: { groupOrder: 0 },
        },
      },
      { test: { name: 'hub', include: [hubTests], testTimeout, hookTimeout, sequence: { groupOrder: 1 } } },
    ],
  },
});
