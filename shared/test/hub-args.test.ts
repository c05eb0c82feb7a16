// `npm start` runs each lab with its manifest's hubArgs: labs 09 and 10 as two nodes, so the second node
// their notes and lab 10's page link to is running. The same call the hub makes, on free ports.
import { eventually } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { startLabProcess } from '../src/lab-process.ts';
import { findLab } from '../src/labs.ts';

describe('the hub', () => {
  it('starts lab 10 as two nodes sharing one Redis', async () => {
    const lab = findLab('10');
    const node = await startLabProcess({ labDir: lab.dir, args: lab.hubArgs, env: { PORT: '0' } });
    try {
      const second = await eventually(
        () => /node 2: (http:\/\/\S+)/.exec(node.output())?.[1],
        () => `a second node, but lab 10 printed:\n${node.output()}`,
        20_000,
      );
      // Each node registers itself in Redis: both must know the other.
      let ports: number[] = [];
      const deadline = Date.now() + 10_000;
      while (ports.length < 2 && Date.now() < deadline) {
        ports = ((await (await fetch(`${node.url}nodes`)).json()) as { nodes: { port: number }[] }).nodes
          .map((n) => n.port)
          .sort((a, b) => a - b);
        if (ports.length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ports, 'the nodes lab 10 lists').toEqual(
        [Number(new URL(node.url).port), Number(new URL(second).port)].sort((a, b) => a - b),
      );
    } finally {
      await node.stop();
    }
  }, 40_000);
});
