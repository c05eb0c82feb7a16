// The wire panel on the real page in jsdom: joining a room is not a packet to anyone.
import { eventually, openPage, textsOf, useLab } from '@labs/shared/testing';
import { panelLines } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

describe('lab 05 wire panel in jsdom', () => {
  it('a join writes nothing but the status line the lab emits to the room and the ack', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const sidOf = (side: string) => document.querySelector(`#${side} .sid`)!.textContent!.slice('sid '.length);
    await eventually(() => sidOf('left') && sidOf('right') && !sidOf('right').includes('…'), 'both panels to connect');
    const right = `${sidOf('right').slice(0, 6)} (right)`;
    // The left panel is this page's first connection, so the panel calls it "you".
    const written = () =>
      panelLines(document)
        .filter((l) => l.side === 'server' && l.dir === 'out' && /^4[23]/.test(l.packet))
        .map((l) => `${l.packet} ${l.peers}`);
    const before = written().length;
    document.querySelector<HTMLButtonElement>('#left .join')!.click();
    await eventually(() => textsOf(document, '#left .log li').includes('left has entered the room.'), 'the left status line');
    document.querySelector<HTMLButtonElement>('#right .join')!.click();
    await eventually(() => textsOf(document, '#right .log li').includes('right has entered the room.'), 'the right status line');
    await eventually(() => written().length >= before + 4, 'four packets written');
    expect(written().slice(before)).toEqual([
      '42["status","left has entered the room."] to you',
      '430[{"ok":true}] to you',
      `42["status","right has entered the room."] to you, ${right}`,
      `430[{"ok":true}] to ${right}`,
    ]);
  });
});
