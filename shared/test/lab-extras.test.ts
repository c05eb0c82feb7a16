// What shared/ adds around every lab page: a favicon, and a header linking the notes (and the hub).
import { eventually, openPage, useLab } from '@labs/shared/testing';
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withLabHeader } from '../src/lab-extras.ts';
import { findLab, listLabs } from '../src/labs.ts';

// Lab 01's page, served by startLab as in every lab; no handlers are needed to serve it.
const lab = useLab({ labDir: findLab('01').dir, attach: () => {} });
/** One GET on a connection of its own: a kept-alive one that the server closes meanwhile would reset. */
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(new URL(path, lab.url), { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    }).on('error', reject);
  });
}
afterEach(() => {
  delete process.env.HUB_URL;
});

describe('every lab page', () => {
  it('with ?lang=zh shows its intro in Chinese, where it has one in both languages, and in English without', async () => {
    const zh = await get('/?lang=zh');
    expect(zh.body).toContain('<p data-intro-en hidden>');
    expect(zh.body).toContain('<p data-intro-zh lang="zh-CN">');
    expect(zh.body).toContain('<html lang="zh-CN">');
    const en = await get('/');
    expect(en.body).toContain('<p data-intro-en>');
    expect(en.body).toContain('<p data-intro-zh lang="zh-CN" hidden>');
    const both = listLabs().filter(({ dir }) => readFileSync(join(dir, 'page', 'index.html'), 'utf8').includes('data-intro-en'));
    for (const { name, dir } of both)
      expect(readFileSync(join(dir, 'page', 'index.html'), 'utf8'), `${name}'s English intro to have a Chinese twin`).toContain(
        '<p data-intro-zh lang="zh-CN" hidden>',
      );
  });

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
    const icon = await get('favicon.ico');
    expect(icon.status, 'favicon.ico to be found').toBe(200);
    expect(icon.type).toMatch(/^image\/svg\+xml/);

    const notes = (await get('notes')).body;
    expect(notes).toContain('<h1>Lab 01 · send vs emit</h1>');
    expect(notes, 'a link to the next lab to stay in /notes').toContain('href="/notes/02-json-events"');
    expect((await get('notes/zh')).body).toContain('<html lang="zh">');

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
