// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { askOk, connect, eventually, nextConnection, openPage, quiet, textsOf, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** Opens the page and waits until the server has its socket; `pageSid` is that socket's id. */
async function openChat() {
  const connected = nextConnection(lab.io);
  const dom = await openPage(lab.url);
  const pageSid = (await connected).id;
  const { document } = dom.window;
  const messages = document.querySelector('#messages')!;
  return { document, messages, pageSid };
}

describe('lab 03 page in jsdom', () => {
  it('a chat sent from the page shows in its own list, marked as yours', async () => {
    const { document, messages } = await openChat();
    const observer = await connect(lab.url);
    const reached = waitFor(observer, 'chat', { before: quiet, who: 'another client' });
    document.querySelector<HTMLInputElement>('#text')!.value = 'hi everyone';
    document.querySelector<HTMLButtonElement>('#send')!.click();
    await eventually(() => messages.children.length === 1, 'the chat line', { before: quiet });
    expect(textsOf(messages, 'li')).toEqual(['you: hi everyone']);
    expect((await reached).text).toBe('hi everyone');
  });

  it('another client chat shows with its sid', async () => {
    const { messages } = await openChat();
    const other = await connect(lab.url);
    await askOk(other, 'chat', 'from elsewhere');
    await eventually(() => messages.children.length === 1, 'the chat line', { before: quiet });
    expect(textsOf(messages, 'li')).toEqual([`${other.id}: from elsewhere`]);
  });

  it('the echo button shows the text as an echo line', async () => {
    const { document, messages } = await openChat();
    document.querySelector<HTMLInputElement>('#text')!.value = 'for me';
    document.querySelector<HTMLButtonElement>('#echo')!.click();
    await eventually(() => messages.children.length === 1, 'the echo line', { before: quiet });
    expect(textsOf(messages, 'li')).toEqual(['echo (only you): for me']);
  });

  it('typing in the input tells other clients, with the page sid', async () => {
    const { document, pageSid } = await openChat();
    const other = await connect(lab.url);
    // The page's sid is the id its socket has on the server: typing must carry exactly that.
    const typing = waitFor(other, 'typing', { before: quiet, who: 'another client' });
    const input = document.querySelector<HTMLInputElement>('#text')!;
    input.value = 'h';
    input.dispatchEvent(new document.defaultView!.Event('input'));
    expect(await typing).toEqual({ from: pageSid });
  });

  it('someone is typing shows when another client types, and clears itself after a pause', async () => {
    const { document } = await openChat();
    const line = document.querySelector('#typing')!;
    const other = await connect(lab.url);
    await askOk(other, 'typing');
    await eventually(
      () => /^someone is typing(…|\.\.\.)$/.test(line.textContent ?? ''),
      'the typing line to say "someone is typing…"',
      { before: quiet },
    );
    await eventually(() => line.textContent === '', 'the typing line to clear');
  });

  it('an empty message shows the server reason and adds no line', async () => {
    const { document, messages } = await openChat();
    const status = document.querySelector('#status')!;
    document.querySelector<HTMLInputElement>('#text')!.value = '';
    document.querySelector<HTMLButtonElement>('#send')!.click();
    await eventually(() => status.textContent?.includes('non-empty string'), 'the reason', { before: quiet });
    expect(messages.children).toHaveLength(0);
  });

  it('a message containing HTML is shown as text, not as an element', async () => {
    const { messages } = await openChat();
    const attacker = await connect(lab.url);
    await askOk(attacker, 'chat', '<img src=x onerror=alert(1)>');
    await eventually(() => messages.children.length === 1, 'the chat line', { before: quiet });
    expect(messages.querySelector('img')).toBeNull();
    expect(textsOf(messages, 'li')).toEqual([`${attacker.id}: <img src=x onerror=alert(1)>`]);
  });
});
