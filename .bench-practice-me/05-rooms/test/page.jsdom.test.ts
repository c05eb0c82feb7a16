// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { connect, eventually, openPage, quiet, textsOf, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** The page with its two panels, once both have connected. */
async function twoPanels() {
  const { window } = await openPage(lab.url);
  const panel = (side: 'left' | 'right') => {
    const root = window.document.querySelector<HTMLElement>(`#${side}`)!;
    const input = (name: string) => root.querySelector<HTMLInputElement>(`.${name}`)!;
    return {
      root,
      sid: () => root.querySelector('.sid')!.textContent ?? '',
      log: () => textsOf(root, '.log li'),
      error: () => root.querySelector('.error')!.textContent ?? '',
      fill(values: Record<string, string>) {
        for (const [name, value] of Object.entries(values)) input(name).value = value;
      },
      click: (button: 'join' | 'leave' | 'close' | 'send') => root.querySelector<HTMLButtonElement>(`.${button}`)!.click(),
    };
  };
  const left = panel('left');
  const right = panel('right');
  await eventually(() => left.sid().startsWith('sid ') && right.sid().startsWith('sid '), 'both panels to connect');
  return { left, right };
}

describe('lab 05 page in jsdom', () => {
  it('each panel is its own connection and shows its own sid', async () => {
    const { left, right } = await twoPanels();
    expect(left.sid()).not.toBe(right.sid());
    const sids = [left.sid(), right.sid()].map((text) => text.slice('sid '.length));
    for (const sid of sids) expect(lab.io.of('/').sockets.has(sid)).toBe(true);
  });

  it('a message sent in one panel shows in both panels once both joined the room', async () => {
    const { left, right } = await twoPanels();
    left.fill({ username: 'Lia', room: 'p1' });
    right.fill({ username: 'Rob', room: 'p1' });
    left.click('join');
    await eventually(() => left.log().length === 1, 'the left join line', { before: quiet });
    right.click('join');
    await eventually(() => left.log().length === 2 && right.log().length === 1, 'the right join lines', { before: quiet });
    right.fill({ text: 'hello left' });
    right.click('send');
    await eventually(() => left.log().length === 3 && right.log().length === 2, 'the message in both panels', { before: quiet });
    expect(left.log()[2]).toBe('Rob (p1): hello left');
    expect(right.log()).toEqual(['Rob has entered the room.', 'Rob (p1): hello left']);
  });

  it('leave shows has left in the other panel, and close shows the room was closed', async () => {
    const { left, right } = await twoPanels();
    left.fill({ username: 'Lia', room: 'p2' });
    right.fill({ username: 'Rob', room: 'p2' });
    left.click('join');
    await eventually(() => left.log().length === 1, 'the left join line', { before: quiet });
    right.click('join');
    await eventually(() => right.log().length === 1, 'the right join line', { before: quiet });
    right.click('leave');
    await eventually(() => left.log().length === 3, 'the has left line', { before: quiet });
    expect(left.log()[2]).toBe('Rob has left the room.');
    right.click('join');
    await eventually(() => right.log().length === 2, 'the right panel back in', { before: quiet });
    left.click('close');
    await eventually(() => left.log().length === 5 && right.log().length === 3, 'the closed lines', { before: quiet });
    expect(left.log()[4]).toBe('room p2 was closed.');
    expect(right.log()[2]).toBe('room p2 was closed.');
  });

  it('posting to a room before joining it shows the server error in that panel', async () => {
    const { left } = await twoPanels();
    left.fill({ room: 'p3', text: 'too early' });
    left.click('send');
    await eventually(() => left.error(), 'an error line', { before: quiet });
    expect(left.error()).toBe('Join room "p3" before posting to it.');
    expect(left.log()).toEqual([]);
  });

  it('a username containing HTML is shown as text, not as an element', async () => {
    const { left } = await twoPanels();
    left.fill({ room: 'p4' });
    left.click('join');
    await eventually(() => left.log().length === 1, 'the left join line', { before: quiet });
    const attacker = await connect(lab.url);
    const entered = waitFor(attacker, 'status', { before: quiet });
    attacker.emit('join', { username: '<img src=x onerror=alert(1)>', room: 'p4' });
    await entered;
    await eventually(() => left.log().length === 2, 'the attacker join line', { before: quiet });
    expect(left.log()[1]).toBe('<img src=x onerror=alert(1)> has entered the room.');
    expect(left.root.querySelector('img')).toBeNull();
  });
});
