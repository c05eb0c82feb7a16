// Around every lab page, from shared/ so that no lab carries it: a favicon (no more 404 in the
// console), and a small header with links to the lab's notes, which the lab serves itself at
// /notes, and to the hub when the hub started this lab (it sets HUB_URL).
import type express from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { marked } from 'marked';
import { docsDir } from './labs.ts';

/** A speech bubble with two dots: one socket talking to another. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="4" width="28" height="20" rx="6" fill="#1a5fb4"/>' +
  '<path d="M9 24l-2 6 8-6z" fill="#1a5fb4"/><circle cx="11" cy="14" r="3" fill="#fff"/><circle cx="21" cy="14" r="3" fill="#fff"/></svg>';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page in Chinese, for `?lang=zh` (the hub's frames ask for it when the hub speaks Chinese): the
 * intro paragraph marked data-intro-zh shows instead of the one marked data-intro-en.
 */
export function inChinese(html: string): string {
  if (!html.includes('data-intro-zh')) return html;
  return html
    .replace(/<html lang="en">/, '<html lang="zh-CN">')
    .replace(/<p data-intro-en>/, '<p data-intro-en hidden>')
    .replace(/<p data-intro-zh lang="zh-CN" hidden>/, '<p data-intro-zh lang="zh-CN">');
}

/** The page's index.html with the favicon link and the header added. */
export function withLabHeader(html: string, hubUrl = process.env.HUB_URL): string {
  const hub = hubUrl ? ` · <a href="${escapeHtml(hubUrl)}">all labs</a>` : '';
  const header =
    `<nav id="lab-links" style="font: 14px/1.5 system-ui, sans-serif; text-align: right">` +
    `<a href="/notes">notes</a> · <a href="/notes/zh">笔记</a>${hub}</nav>`;
  return html
    .replace('</head>', '    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />\n  </head>')
    .replace(/<body([^>]*)>/, (body) => `${body}\n    ${header}`);
}

/** A note as a page: its links to other notes stay in /notes, links into the code become plain text. */
function notesPage(file: string): string {
  const dir = resolve(file, '..');
  const markdown = readFileSync(file, 'utf8').replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (link, text: string, href: string) => {
    if (/^[a-z]+:|^#/.test(href)) return link;
    const [path = '', hash] = href.split('#');
    const target = relative(docsDir, resolve(dir, path));
    if (target.endsWith('.md') && !target.startsWith('..'))
      return `[${text}](/notes/${target.slice(0, -3)}${hash ? `#${hash}` : ''})`;
    return text;
  });
  const title = /^# (.+)$/m.exec(markdown)?.[1] ?? basename(file);
  return `<!doctype html><html lang="${file.includes('/zh/') ? 'zh' : 'en'}"><head><meta charset="utf-8" /><title>${escapeHtml(title)}</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg" />
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse}td,th{text-align:left;padding:.3rem;border-bottom:1px solid #ddd}
code,pre{background:#f5f5f5;border-radius:4px}pre{padding:.6rem;overflow:auto}</style></head>
<body><p><a href="/">← the lab's page</a></p>${marked.parse(markdown, { async: false })}</body></html>`;
}

/** Adds the favicon, the header on index.html, and the notes, before the page's static files. */
export function mountLabExtras(app: express.Express, labDir: string, pageDir: string) {
  const icon = (_req: express.Request, res: express.Response) => void res.type('image/svg+xml').send(FAVICON_SVG);
  app.get(['/favicon.svg', '/favicon.ico'], icon);
  // Read on every request: a learner's edit of index.html shows on reload.
  // ?lang=zh: the intro paragraph in Chinese, where the page has one.
  app.get(['/', '/index.html'], (req, res) => {
    const page = withLabHeader(readFileSync(join(pageDir, 'index.html'), 'utf8'));
    res.type('html').send(req.query.lang === 'zh' ? inChinese(page) : page);
  });
  // /notes is this lab's note; /notes/zh its Chinese twin; /notes/NAME and /notes/zh/NAME any other note.
  app.get(/^\/notes(?:\/(zh))?(?:\/([\w-]+))?\/?$/, (req, res) => {
    const { 0: zh, 1: name = basename(labDir) } = req.params as Record<string, string | undefined>;
    const file = join(docsDir, zh ? 'zh' : '', `${name}.md`);
    if (!existsSync(file)) return void res.status(404).type('text').send(`There are no notes called ${name}.`);
    res.type('html').send(notesPage(file));
  });
}
