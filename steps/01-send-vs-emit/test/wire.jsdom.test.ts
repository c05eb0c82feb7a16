// The wire panel on the real page in jsdom: bounded, whatever the traffic.
import { connect, eventually, openPage, useLab, waitFor } from '@labs/shared/testing';
import { panelLines, wirePanel } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

describe('lab 01 wire panel in jsdom', () => {
  it('the wire panel keeps the last 500 lines', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    await eventually(
      () => panelLines(document).some((l) => l.packet === '42["ceshi","测试"]' && l.side === 'server'),
      'the connect once lines',
    );
    const sender = await connect(lab.url);
    for (let n = 0; n < 249; n++) sender.send(n);
    sender.send('last');
    await waitFor(sender, 'ceshi');
    // The page receives 500 packets, and the server's lines come on top: more than 500 lines.
    const list = wirePanel(document)!.querySelector('.lines')!;
    await eventually(() => list.textContent!.includes('42["message","last"]'), 'the last message on the panel');
    const rows = wirePanel(document)!.querySelector('.lines')!.children;
    expect(rows.length).toBe(500);
    expect(panelLines(document).some((l) => l.packet === '42["message","connect once"]')).toBe(false);
  });
});
