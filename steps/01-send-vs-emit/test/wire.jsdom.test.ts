// The wire panel on the real page in jsdom: bounded, whatever the traffic.
import { connect, eventually, openPage, useLab } from '@labs/shared/testing';
import { panelLine, wirePanel } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

// No rate cap here, so that 600 packets the server reads make 600 lines on the page.
const lab = useLab({ labDir: new URL('..', import.meta.url), attach, wire: { maxLinesPerSecond: 10_000 } });

describe('lab 01 wire panel in jsdom', () => {
  it('the wire panel keeps the last 500 lines', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    await panelLine(document, (l) => l.side === 'server' && l.packet === '42["ceshi","测试"]', 'the connect once lines');
    const rows = wirePanel(document)!.querySelector('.lines')!.children;
    const first = rows[0]!;
    // A bare send brings nothing to relay: the server reads it and writes nothing, one line each.
    const sender = await connect(lab.url);
    for (let n = 0; n < 600; n++) sender.send();
    sender.send('done');
    // The server read "done" after the 600 others. Only the newest rows are looked at while
    // waiting: the page runs in this same thread.
    const readDone = (row: Element) =>
      (row as HTMLElement).dataset.side === 'server' &&
      (row as HTMLElement).dataset.dir === 'in' &&
      row.children[2]?.textContent === '42["message","done"]';
    await eventually(() => Array.from(rows).slice(-10).some(readDone), 'the server reading the last send');
    expect(first.isConnected).toBe(false);
    expect(rows.length).toBe(500);
  });
});
