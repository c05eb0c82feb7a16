// What shared/ adds around every lab page: a favicon, and a header linking the notes (and the hub).
import { eventually, openPage, useLab } from '@labs/shared/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withLabHeader } from '../src/lab-extras.ts';
import { findLab, listLabs } from '../src/labs.ts';

// Lab 01's page, served by startLab as in every lab; no handlers are needed to serve it.
const lab = useLab({ labDir: findLab('01').dir, attach: () => {} });
afterEach(() => {
  delete process.env.HUB_URL;
});

describe('every lab page', () => {
  it('gets a favicon link and a header linking its notes', () => {
    for (const { name, dir } of listLabs()) {
      const html = withLabHeader(readFileSync(join(dir, 'page', 'index.html'), 'utf8'), undefined);
      expect(html, `${name}'s page to link the favicon`).toContain(
        '<link rel="icon" type="image/svg+xml" href="/favicon.svg" />',
      );
      expect(html, `${name}'s page to link its notes`).toMatch(
        /<body[^>]*>\s*<nav id="lab-links"[^>]*><a href="\/notes">notes<\/a>/,
      );
      expect(html, `${name}'s page to have no hub link when no hub runs`).not.toContain('all labs');
    }
  });

  it('is served with a favicon, its notes and, when the hub runs, a link to it', async () => {
    const icon = await fetch(new URL('favicon.ico', lab.url));
    expect(icon.status, 'favicon.ico to be found').toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);

    const notes = await (await fetch(new URL('notes', lab.url))).text();
    expect(notes).toContain('<h1>Lab 01 · send vs emit</h1>');
    expect(notes, 'a link to the next lab to stay in /notes').toContain('href="/notes/02-json-events"');
    expect(await (await fetch(new URL('notes/zh', lab.url))).text()).toContain('<html lang="zh">');

    process.env.HUB_URL = 'http://localhost:3000/';
    const { window } = await openPage(lab.url);
    const links = await eventually(() => window.document.querySelectorAll<HTMLAnchorElement>('#lab-links a'), 'the header links');
    expect([...links].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['notes', '/notes'],
      ['笔记', '/notes/zh'],
      ['all labs', 'http://localhost:3000/'],
    ]);
  });
});
