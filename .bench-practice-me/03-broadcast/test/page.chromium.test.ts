// The same page in real headless Chromium: two tabs of the post's chat.
import { eventually, quiet, shows, useChromium, useLab } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });
const chromium = useChromium();

/** A tab whose socket the server has: a socket id it did not have before. */
async function openConnectedTab() {
  const before = new Set(lab.io.of('/').sockets.keys());
  const tab = await chromium.newPage(lab.url);
  await eventually(() => [...lab.io.of('/').sockets.keys()].some((id) => !before.has(id)), 'the tab connected');
  return tab;
}

describe('lab 03 page in Chromium', () => {
  it('two tabs: typing in one shows someone is typing in the other, then the message arrives', async () => {
    const first = await openConnectedTab();
    const second = await openConnectedTab();

    await first.locator('#text').pressSequentially('hello from tab one');
    await shows(second.locator('#typing', { hasText: /someone is typing(…|\.\.\.)/ }), '"someone is typing…" in the other tab', {
      before: quiet,
    });
    await first.click('#send');

    const line = second.locator('#messages li', { hasText: 'hello from tab one' });
    await shows(line, 'the line "…: hello from tab one" in the other tab', { before: quiet });
    expect(await line.textContent()).toMatch(/^.+: hello from tab one$/);
    expect(await line.textContent()).not.toMatch(/^you:/);
    await shows(
      first.locator('#messages li', { hasText: 'you: hello from tab one' }),
      'the line "you: hello from tab one" in the sending tab',
      { before: quiet },
    );
  });
});
