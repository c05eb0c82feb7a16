// Checkpoints on the real page, served by node A and run in jsdom, with a client on node B.
import { askOk, eventually, openPage, textsOf } from '@labs/shared/testing';
import { describe, it } from 'vitest';
import { client, uniqueName, useNodes, useRedis } from './helpers.ts';

const redis = useRedis();
const { nodes } = useNodes(redis);
const [nodeA, nodeB] = nodes;

describe('lab 09 page in jsdom', () => {
  it('the page connects over websocket and shows a message written on the other node', async () => {
    const dom = await openPage(nodeA.url);
    const { document } = dom.window;
    document.querySelector<HTMLInputElement>('#username')!.value = 'pat';
    document.querySelector<HTMLButtonElement>('#login button')!.click();
    await eventually(() => document.querySelector('#status')!.textContent === 'Connected as pat.', 'the page connected as pat');

    const bob = await client(nodeB, 'bob');
    const { room } = await askOk(bob, 'room:create', { name: uniqueName('Terrace') });
    await askOk(bob, 'room:join', { roomId: room.id });
    // The page's lobby heard the new room from node B, through the adapter: join it there.
    const join = await eventually(
      () => document.querySelector<HTMLButtonElement>(`#rooms li[data-room-id="${room.id}"] button`),
      'the new room in the lobby',
    );
    join.click();
    await eventually(() => !document.querySelector<HTMLElement>('#room')!.hidden, 'the room');
    await askOk(bob, 'message:send', { roomId: room.id, text: 'from node B' });
    await eventually(() => textsOf(document, '#messages li').includes('bob: from node B'), 'bob: from node B on the page');
  });
});
