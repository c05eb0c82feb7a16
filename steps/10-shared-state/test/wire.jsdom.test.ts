// The wire panel on the real page in jsdom: a message read by node B is written to this page by node A.
import { askOk, eventually, openPage } from '@labs/shared/testing';
import { panelLine, panelLines } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { client, uniqueName, useLabNodes, useRedis } from './helpers.ts';

const redis = useRedis();
const [nodeA, nodeB] = useLabNodes(redis, 2);

describe('lab 10 wire panel in jsdom', () => {
  it("a message sent on node B shows on node A's wire as written to this page, never read", async () => {
    const bo = await client(nodeB, 'bo');
    const { room } = await askOk(bo, 'room:create', { name: uniqueName('Wire') });
    await askOk(bo, 'room:join', { roomId: room.id });
    const { window } = await openPage(nodeA.url);
    const { document } = window;
    document.querySelector<HTMLInputElement>('#username')!.value = 'ana';
    document.querySelector<HTMLButtonElement>('#login button')!.click();
    const item = await eventually(
      () => document.querySelector<HTMLElement>(`#rooms li[data-room-id="${room.id}"] button`),
      'the room in the lobby',
    );
    item.click();
    await eventually(() => !document.querySelector<HTMLElement>('#room')!.hidden, 'the room view');

    await askOk(bo, 'message:send', { roomId: room.id, text: 'through Redis' });
    const written = await panelLine(
      document,
      (l) => l.side === 'server' && l.dir === 'out' && l.packet.includes('"text":"through Redis"'),
      'node A writing the message',
    );
    expect(written.packet).toMatch(/^42\["message:new",\{.*"author":"bo".*\}\]$/);
    expect(written.peers).toBe('to you');
    // Node A wrote it, yet never read it: node B did, and the Redis adapter carried the broadcast.
    expect(
      panelLines(document).filter((l) => l.side === 'server' && l.dir === 'in' && l.packet.includes('through Redis')),
    ).toEqual([]);
  });
});
