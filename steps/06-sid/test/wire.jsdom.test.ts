// The wire panel on the real page in jsdom: the sid is in the CONNECT answer, and a reconnect brings a new one.
import { eventually, nextConnection, openPage, quiet, useLab } from '@labs/shared/testing';
import { panelLine, panelLines } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

describe('lab 06 wire panel in jsdom', () => {
  it('the sid arrives in 40{"sid":…}, and the reconnect button brings a new connection and a new sid', async () => {
    const connected = nextConnection(lab.io);
    const { window } = await openPage(lab.url);
    const { document } = window;
    const sid = () => document.querySelector('#sid')!.textContent ?? '';
    await connected;
    await eventually(() => lab.io.of('/').sockets.has(sid()), 'the page to show its sid', { before: quiet });
    const oldSid = sid();
    document.querySelector<HTMLButtonElement>('#reconnect')!.click();
    await eventually(() => sid() !== oldSid && lab.io.of('/').sockets.has(sid()), 'a new sid on the page');
    const newSid = sid();

    await panelLine(
      document,
      (l) => l.side === 'server' && l.packet === `40{"sid":"${newSid}"}`,
      'the server writing the new sid',
    );
    const client = panelLines(document)
      .filter((l) => l.side === 'client' && /^(0\{|4[01])/.test(l.packet))
      .map((l) => `${l.dir} ${l.packet.startsWith('0{') ? 'open' : l.packet}`);
    // Two Engine.IO connections, each with its CONNECT to "/" and its sid; 41 closes the first.
    expect(client).toEqual([
      'in open',
      'out 40',
      `in 40{"sid":"${oldSid}"}`,
      'out 41',
      'in open',
      'out 40',
      `in 40{"sid":"${newSid}"}`,
    ]);
    const written = await panelLine(
      document,
      (l) => l.side === 'server' && l.packet === `40{"sid":"${newSid}"}`,
      'the new sid written',
    );
    expect([written.dir, written.peers, written.meaning]).toEqual([
      'out',
      'to you',
      'connected to namespace /: here is your sid',
    ]);
  });
});
