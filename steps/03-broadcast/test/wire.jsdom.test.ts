// The wire panel on the real page in jsdom: the server's lines name the audience of each emit.
import { connect, eventually, openPage, quiet, useLab, waitFor } from '@labs/shared/testing';
import { panelLine } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

describe('lab 03 wire panel in jsdom', () => {
  it("the panel's server lines show the three audiences: chat to everyone, typing to the others, echo to you", async () => {
    const before = new Set(lab.io.of('/').sockets.keys());
    const { window } = await openPage(lab.url);
    const { document } = window;
    await eventually(() => [...lab.io.of('/').sockets.keys()].some((id) => !before.has(id)), 'the page connected');
    const b = await connect(lab.url);
    const c = await connect(lab.url);
    const others = [b.id!, c.id!].map((sid) => sid.slice(0, 6));
    const text = document.querySelector<HTMLInputElement>('#text')!;

    const typing = waitFor(b, 'typing', { before: quiet });
    text.value = 'hi all';
    text.dispatchEvent(new window.Event('input'));
    await typing;
    document.querySelector<HTMLButtonElement>('#send')!.click();
    await waitFor(c, 'chat', { before: quiet });
    text.value = 'just me';
    document.querySelector<HTMLButtonElement>('#echo')!.click();

    const sent = (event: string) =>
      panelLine(
        document,
        (l) => l.side === 'server' && l.dir === 'out' && l.packet.startsWith(`42["${event}"`),
        `the server writing ${event}`,
      );
    expect((await sent('chat')).peers).toBe(`to you, ${others.join(', ')}`);
    expect((await sent('typing')).peers).toBe(`to ${others.join(', ')}`);
    expect((await sent('echo')).peers).toBe('to you');
  });
});
