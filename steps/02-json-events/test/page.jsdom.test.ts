// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { connect, eventually, openPage, recordEvents, textsOf, useLab, waitFor } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** Puts text in the JSON box and presses send json. */
function sendJson(document: Document, text: string) {
  document.querySelector<HTMLTextAreaElement>('#json')!.value = text;
  document.querySelector<HTMLButtonElement>('#send')!.click();
}

describe('lab 02 page in jsdom', () => {
  it('sending a JSON object shows the ok ack and the relayed message', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const status = document.querySelector('#status')!;
    const log = document.querySelector('#log')!;
    sendJson(document, '{ "text": "hello", "n": 2 }');
    await eventually(() => status.textContent === 'ack: ok', 'the ok ack');
    await eventually(() => log.children.length >= 1, 'the relayed message');
    expect(textsOf(log, 'li')).toEqual(['message: {"text":"hello","n":2}']);
  });

  it('invalid JSON is reported on the page and never sent', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const observer = await connect(lab.url);
    const heard = recordEvents(observer);
    sendJson(document, '{ not json');
    expect(document.querySelector('#status')!.textContent).toMatch(/^invalid JSON, not sent/);
    // A valid send after it: had the invalid one left the page, the observer would hear it first.
    sendJson(document, '{ "after": true }');
    await waitFor(observer, 'message');
    expect(heard).toEqual([['message', { after: true }]]);
  });

  it('valid JSON that is not an object shows the server error from the ack', async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const status = document.querySelector('#status')!;
    sendJson(document, '[1, 2, 3]');
    await eventually(() => status.textContent?.startsWith('ack: '), 'the ack');
    expect(status.textContent).toMatch(/^ack: json expects a plain object/);
    expect(document.querySelector('#log')!.children).toHaveLength(0);
  });

  it('a message containing HTML is shown as text, not as an element', async () => {
    const { window } = await openPage(lab.url);
    const log = window.document.querySelector('#log')!;
    const attacker = await connect(lab.url);
    await attacker.emitWithAck('json', { text: '<img src=x onerror=alert(1)>' });
    await eventually(() => log.children.length >= 1, 'the relayed line');
    expect(log.querySelector('img')).toBeNull();
    expect(textsOf(log, 'li')).toEqual(['message: {"text":"<img src=x onerror=alert(1)>"}']);
  });
});
