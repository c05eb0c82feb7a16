// The wire panel on the real page in jsdom: the username travels once, in the handshake.
import { eventually, nextHandshake, openPage, quiet } from '@labs/shared/testing';
import { panelLine, panelLines } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { uniqueName, useRoomChat } from './helpers.ts';

const { lab } = useRoomChat();

describe('lab 07 wire panel in jsdom', () => {
  it('the username goes out once, in the CONNECT packet, and in no event the page sends', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const username = uniqueName('wren')
      .replace(/[^\w-]/g, '')
      .slice(-32);
    document.querySelector<HTMLInputElement>('#username')!.value = username;
    document.querySelector<HTMLButtonElement>('#login button')!.click();
    await eventually(() => !document.querySelector<HTMLElement>('#lobby')!.hidden, 'the lobby');
    const room = uniqueName('wired');
    document.querySelector<HTMLInputElement>('#room-name')!.value = room;
    document.querySelector<HTMLButtonElement>('#create button')!.click();
    await panelLine(
      document,
      (l) => l.side === 'client' && l.dir === 'out' && l.packet.includes(`["room:create",{"name":"${room}"}]`),
      'the room:create emit',
    );

    const sent = panelLines(document).filter((l) => l.side === 'client' && l.dir === 'out' && l.packet.startsWith('4'));
    expect(sent.filter((l) => l.packet.includes(username)).map((l) => [l.packet, l.meaning])).toEqual([
      [`40{"username":"${username}"}`, 'connect to namespace /'],
    ]);
    expect(sent.filter((l) => l.packet.startsWith('42')).length).toBeGreaterThanOrEqual(2); // room:list, room:create
  });

  it("after a refused username and a good one, the panel still shows the server's side", async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const login = (name: string) => {
      document.querySelector<HTMLInputElement>('#username')!.value = name;
      document.querySelector<HTMLButtonElement>('#login button')!.click();
    };
    // quiet() cannot see a page that is still connecting: wait for its handshake, then for the page.
    const handshake = nextHandshake(lab.io);
    login('not valid!');
    await handshake;
    await eventually(() => document.querySelector('#error')!.textContent, 'the refusal', { before: quiet });
    // The first connection is gone with its refused socket; the second one watches the server now.
    login(uniqueName('wade').replace(/[^\w-]/g, ''));
    await eventually(() => !document.querySelector<HTMLElement>('#lobby')!.hidden, 'the lobby');
    const listed = await panelLine(
      document,
      (l) => l.side === 'server' && l.dir === 'out' && /^43\d+\[\{"ok":true,"rooms"/.test(l.packet),
      'the server answering room:list',
    );
    expect(listed.peers).toBe('to you');
  });
});
