// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { connect, eventually, openPage, quiet, textsOf, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** Opens the page and waits until the server has its socket, so that quiet() can see it. */
async function openLog() {
  const before = new Set(lab.io.of('/').sockets.keys());
  const { window } = await openPage(lab.url);
  await eventually(() => [...lab.io.of('/').sockets.keys()].some((id) => !before.has(id)), 'the page connected');
  return { document: window.document, log: window.document.querySelector('#log')! };
}

describe('lab 01 page in jsdom', () => {
  it('the page shows its connect once echo as an unnamed line and 测试 as a named line', async () => {
    const { log } = await openLog();
    await eventually(() => log.children.length >= 2, 'two lines in #log', { before: quiet });
    expect(textsOf(log, 'li').slice(0, 2)).toEqual(['unnamed (无名): connect once', 'named (有名): 测试']);
  });

  it('the send and emit buttons each bring an unnamed and a named line', async () => {
    const { document, log } = await openLog();
    await eventually(() => log.children.length >= 2, 'the connect once lines', { before: quiet });
    // Each button is named for the call it makes: both are an unnamed `message`.
    expect(textsOf(document, '#send, #emit')).toEqual(['socket.send(text)', "socket.emit('message', text)"]);
    document.querySelector<HTMLInputElement>('#text')!.value = 'from the button';
    document.querySelector<HTMLButtonElement>('#send')!.click();
    await eventually(() => log.children.length >= 4, 'the send lines', { before: quiet });
    document.querySelector<HTMLButtonElement>('#emit')!.click();
    await eventually(() => log.children.length >= 6, 'the emit lines', { before: quiet });
    expect(textsOf(log, 'li').slice(2)).toEqual([
      'unnamed (无名): from the button',
      'named (有名): 测试',
      'unnamed (无名): from the button',
      'named (有名): 测试',
    ]);
  });

  it('a message containing HTML is shown as text, not as an element', async () => {
    const { log } = await openLog();
    await eventually(() => log.children.length >= 2, 'the connect once lines', { before: quiet });
    const attacker = await connect(lab.url);
    attacker.send('<img src=x onerror=alert(1)>');
    await waitFor(attacker, 'ceshi', { before: quiet });
    await eventually(() => log.children.length >= 4, 'the relayed lines', { before: quiet });
    expect(log.querySelector('img')).toBeNull();
    expect(textsOf(log, 'li')[2]).toBe('unnamed (无名): <img src=x onerror=alert(1)>');
  });
});
