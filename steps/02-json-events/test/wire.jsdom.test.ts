// The wire panel on the real page in jsdom: an ack is a packet of its own, paired by its id.
import { eventually, openPage, quiet, useLab } from '@labs/shared/testing';
import { panelLine, panelLines } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

describe('lab 02 wire panel in jsdom', () => {
  it('an acked emit shows the same ack id on both sides: 42<id> out and 43<id> back', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    document.querySelector<HTMLTextAreaElement>('#json')!.value = '{ "hello": "world" }';
    document.querySelector<HTMLButtonElement>('#send')!.click();
    await eventually(() => document.querySelector('#status')!.textContent === 'ack: ok', 'the ok ack', { before: quiet });

    const sent = await panelLine(
      document,
      (l) => l.side === 'client' && l.dir === 'out' && /^42\d+\["json"/.test(l.packet),
      'the json emit',
    );
    const id = /^42(\d+)\[/.exec(sent.packet)![1];
    expect(id).toBe('0'); // this page's first acked emit
    expect(sent.packet).toBe(`42${id}["json",{"hello":"world"}]`);
    expect(sent.meaning).toBe(`event \`json\` with 1 argument, asking for ack ${id}`);
    const answer = await panelLine(
      document,
      (l) => l.side === 'client' && l.dir === 'in' && l.packet.startsWith('43'),
      'the ack',
    );
    expect(answer.packet).toBe(`43${id}[{"ok":true}]`);
    expect(answer.meaning).toBe(`ack ${id} for your \`json\``);

    // The server read the same packet from this page and wrote the same ack back to it alone.
    const read = await panelLine(
      document,
      (l) => l.side === 'server' && l.dir === 'in' && l.packet === sent.packet,
      'the server reading it',
    );
    expect(read.peers).toBe('from you');
    const acked = await panelLine(
      document,
      (l) => l.side === 'server' && l.dir === 'out' && l.packet === answer.packet,
      'the server acking it',
    );
    expect([acked.meaning, acked.peers]).toEqual([`ack ${id} for \`json\``, 'to you']);
    // The relay is a message without an id: nobody asked for an answer to it.
    expect(
      panelLines(document)
        .filter((l) => l.side === 'client' && l.dir === 'in' && l.packet.startsWith('42'))
        .map((l) => l.packet),
    ).toEqual(['42["message",{"hello":"world"}]']);
  });
});
