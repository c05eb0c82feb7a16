// Checkpoints on the real page, served by the lab and run in jsdom: what the learner sees.
import { eventually, nextConnection, openPage, quiet, textsOf, useLab } from '@labs/shared/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const lab = useLab({ labDir: new URL('..', import.meta.url), attach });

/** The page with both panels connected (each shows its whoami line). */
async function openPanels() {
  // Once the server has the page's "/" socket, quiet() sees the page (its /ceshi socket rides along).
  const connected = nextConnection(lab.io);
  const { window } = await openPage(lab.url);
  await connected;
  const { document } = window;
  const part = (id: string) => {
    const section = document.querySelector(`#${id}`)!;
    return {
      whoami: section.querySelector('.whoami')!,
      log: section.querySelector('.log')!,
      emit: () => section.querySelector<HTMLButtonElement>('.emit')!.click(),
    };
  };
  const root = part('root');
  const ceshi = part('ceshi');
  await eventually(() => root.whoami.textContent && ceshi.whoami.textContent, 'both whoami lines', { before: quiet });
  return { root, ceshi };
}

/** "/ceshi · sid X · rooms X · connection C" as its parts. */
function parse(line: string | null) {
  const match = /^(\S+) · sid (\S+) · rooms (.+) · connection (\S+)$/.exec(line ?? '');
  if (!match) throw new Error(`not a whoami line: ${line}`);
  return { namespace: match[1], sid: match[2], rooms: match[3], connection: match[4] };
}

describe('lab 04 page in jsdom', () => {
  it('the two panels show their namespaces, two different sids and one shared connection', async () => {
    const { root, ceshi } = await openPanels();
    const rootMe = parse(root.whoami.textContent);
    const ceshiMe = parse(ceshi.whoami.textContent);
    expect(rootMe.namespace).toBe('/');
    expect(ceshiMe.namespace).toBe('/ceshi');
    expect(rootMe.sid).not.toBe(ceshiMe.sid);
    expect(rootMe.rooms).toBe(rootMe.sid);
    expect(rootMe.connection).toBe(ceshiMe.connection);
  });

  it('the /ceshi button brings message to the /ceshi panel and no-namespace to the / panel', async () => {
    const { root, ceshi } = await openPanels();
    ceshi.emit();
    await eventually(() => textsOf(ceshi.log, 'li').includes('ceshi: message'), 'message in the /ceshi panel', { before: quiet });
    await eventually(() => textsOf(root.log, 'li').includes('ceshi: no-namespace'), 'no-namespace in the / panel', {
      before: quiet,
    });
    expect(textsOf(ceshi.log, 'li')).toEqual(['(you emitted ceshi here)', 'ceshi: message']);
    expect(textsOf(root.log, 'li')).toEqual(['ceshi: no-namespace']);
  });

  it('the / button brings nothing to either panel', async () => {
    const { root, ceshi } = await openPanels();
    root.emit();
    // Both sockets share one connection: the /ceshi emit that follows is handled after the / one,
    // so anything the / emit caused would show before its answers.
    ceshi.emit();
    await eventually(() => textsOf(ceshi.log, 'li').includes('ceshi: message'), 'message in the /ceshi panel', { before: quiet });
    await eventually(() => textsOf(root.log, 'li').includes('ceshi: no-namespace'), 'no-namespace in the / panel', {
      before: quiet,
    });
    expect(textsOf(root.log, 'li')).toEqual(['(you emitted ceshi here)', 'ceshi: no-namespace']);
    expect(textsOf(ceshi.log, 'li')).toEqual(['(you emitted ceshi here)', 'ceshi: message']);
  });
});
