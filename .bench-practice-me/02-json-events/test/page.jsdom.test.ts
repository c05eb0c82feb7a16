// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { connect, eventually, nextConnection, openPage, quiet, textsOf, useLab } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** Puts text in the JSON box and presses send json. */
function sendJson(document: Document, text: string) {
  document.querySelector<HTMLTextAreaElement>('#json')!.value = text;
  document.querySelector<HTMLButtonElement>('#send')!.click();
}

/** Opens the page and waits until the server has its socket, so that quiet() sees the page too. */
async function openLivePage() {
  const connected = nextConnection(lab.io);
  const { window } = await openPage(lab.url);
  await connected;
  const { document } = window;
  return { document, status: document.querySelector('#status')!, log: document.querySelector('#log')! };
}

/** Opens the page and waits until its socket works: one json of its own comes back acked. */
async function openConnectedPage() {
  const { document, status, log } = await openLivePage();
  sendJson(document, '{ "ready": true }');
  await eventually(() => status.textContent === 'ack: ok', 'the page to show "ack: ok" for its own json', { before: quiet });
  log.replaceChildren();
  status.textContent = '';
  return { document, status, log };
}

describe('lab 02 page in jsdom', () => {
  it('sending a JSON object shows the ok ack and the relayed message', async () => {
    const { document, status, log } = await openLivePage();
    sendJson(document, '{ "text": "hello", "n": 2 }');
    await eventually(() => status.textContent === 'ack: ok', 'the ok ack', { before: quiet });
    await eventually(() => log.children.length >= 1, 'the relayed message', { before: quiet });
    expect(textsOf(log, 'li')).toEqual(['message: {"text":"hello","n":2}']);
  });

  it('invalid JSON is reported on the page and never sent', async () => {
    const { document, status } = await openConnectedPage();
    // What the server receives from now on, from every socket connected to it (the page's included).
    const received: unknown[][] = [];
    for (const socket of lab.io.of('/').sockets.values()) {
      socket.onAny((event: string, ...args: unknown[]) =>
        received.push([event, ...args.filter((arg) => typeof arg !== 'function')]),
      );
    }
    sendJson(document, '{ not json');
    await eventually(() => status.textContent?.startsWith('invalid JSON, not sent'), 'the page to report invalid JSON', {
      before: quiet,
    });
    // A valid send after it: the page's connection delivers in order, so once its ack is here,
    // anything the page had sent before would have reached the server first.
    sendJson(document, '{ "after": true }');
    await eventually(() => status.textContent === 'ack: ok', 'the ack of the valid send', { before: quiet });
    expect(received).toEqual([['json', { after: true }]]);
  });

  it('valid JSON that is not an object shows the server error from the ack', async () => {
    const { document, status } = await openLivePage();
    sendJson(document, '[1, 2, 3]');
    await eventually(() => status.textContent?.startsWith('ack: '), 'the ack', { before: quiet });
    expect(status.textContent).toMatch(/^ack: json expects a plain object/);
    expect(document.querySelector('#log')!.children).toHaveLength(0);
  });

  it('a message containing HTML is shown as text, not as an element', async () => {
    const { log } = await openConnectedPage();
    const attacker = await connect(lab.url);
    await attacker.emitWithAck('json', { text: '<img src=x onerror=alert(1)>' });
    await eventually(() => log.children.length >= 1, 'the relayed line', { before: quiet });
    expect(log.querySelector('img')).toBeNull();
    expect(textsOf(log, 'li')).toEqual(['message: {"text":"<img src=x onerror=alert(1)>"}']);
  });
});
