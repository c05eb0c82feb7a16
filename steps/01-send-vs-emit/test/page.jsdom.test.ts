// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { connect, eventually, openPage, textsOf, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

describe('lab 01 page in jsdom', () => {
  it('the page shows its connect once echo as an unnamed line and 测试 as a named line', async () => {
    const { window } = await openPage(lab.url);
    const log = window.document.querySelector('#log')!;
    await eventually(() => log.children.length >= 2, 'two lines in #log');
    expect(textsOf(log, 'li').slice(0, 2)).toEqual(['unnamed (无名): connect once', 'named (有名): 测试']);
  });

  it('the send and emit buttons each bring an unnamed and a named line', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const log = document.querySelector('#log')!;
    await eventually(() => log.children.length >= 2, 'the connect once lines');
    // Each button is named for the call it makes: both are an unnamed `message`.
    expect(textsOf(document, 'button')).toEqual(['socket.send(text)', "socket.emit('message', text)"]);
    document.querySelector<HTMLInputElement>('#text')!.value = 'from the button';
    document.querySelector<HTMLButtonElement>('#send')!.click();
    await eventually(() => log.children.length >= 4, 'the send lines');
    document.querySelector<HTMLButtonElement>('#emit')!.click();
    await eventually(() => log.children.length >= 6, 'the emit lines');
    expect(textsOf(log, 'li').slice(2)).toEqual([
      'unnamed (无名): from the button',
      'named (有名): 测试',
      'unnamed (无名): from the button',
      'named (有名): 测试',
    ]);
  });

  it('a message containing HTML is shown as text, not as an element', async () => {
    const { window } = await openPage(lab.url);
    const log = window.document.querySelector('#log')!;
    await eventually(() => log.children.length >= 2, 'the connect once lines');
    const attacker = await connect(lab.url);
    attacker.send('<img src=x onerror=alert(1)>');
    await waitFor(attacker, 'ceshi');
    await eventually(() => log.children.length >= 4, 'the relayed lines');
    expect(log.querySelector('img')).toBeNull();
    expect(textsOf(log, 'li')[2]).toBe('unnamed (无名): <img src=x onerror=alert(1)>');
  });
});
