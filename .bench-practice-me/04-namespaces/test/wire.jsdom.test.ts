// The wire panel on the real page in jsdom: every packet of /ceshi carries its namespace as a prefix.
import { eventually, openPage, textsOf, useLab } from '@labs/shared/testing';
import { panelLine, panelLines } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

describe('lab 04 wire panel in jsdom', () => {
  it('packets of /ceshi carry the /ceshi, prefix and packets of / carry none, over one connection', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const connect = await panelLine(
      document,
      (l) => l.side === 'client' && l.dir === 'out' && l.packet === '40/ceshi,',
      'the connect to /ceshi',
    );
    expect(connect.meaning).toBe('connect to namespace /ceshi');
    await eventually(() => document.querySelector('#ceshi .whoami')!.textContent, 'the /ceshi panel connected');
    document.querySelector<HTMLButtonElement>('#ceshi .emit')!.click();
    await eventually(() => textsOf(document, '#root .log li').includes('ceshi: no-namespace'), 'no-namespace in the / panel');

    const sent = await panelLine(
      document,
      (l) => l.side === 'client' && l.dir === 'out' && l.packet.startsWith('42/ceshi,["ceshi"'),
      'the ceshi emit',
    );
    expect(sent.packet).toBe('42/ceshi,["ceshi","hello"]');
    expect(sent.meaning).toBe('event `ceshi` with 1 argument on /ceshi');
    const received = panelLines(document).filter((l) => l.side === 'client' && l.dir === 'in' && l.packet.includes('["ceshi"'));
    expect(received.map((l) => l.packet)).toEqual(['42/ceshi,["ceshi","message"]', '42["ceshi","no-namespace"]']);
    const written = await panelLine(
      document,
      (l) => l.side === 'server' && l.dir === 'out' && l.packet === '42["ceshi","no-namespace"]',
      'the server writing no-namespace',
    );
    expect(written.peers).toBe('to you');
    // The page's two sockets share one connection: one engine open, two CONNECTs.
    expect(panelLines(document).filter((l) => l.side === 'client' && l.dir === 'in' && l.packet.startsWith('0{')).length).toBe(1);
  });
});
