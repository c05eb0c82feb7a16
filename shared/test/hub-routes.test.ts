// The hub's own routes over real HTTP (its labs not started: these pages need none): every link in
// every notes file lands on a page that answers, in the language the link names; the notes' HTML
// comments show as nothing; and the lab view gives the command the hub runs the lab with.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix } from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsDir, listLabs } from '../src/labs.ts';
import { renderMarkdown, renderNotesFile } from '../hub/notes.ts';
import { hubRoutes } from '../hub/routes.ts';
import { Supervisor } from '../hub/supervisor.ts';

let server: Server;
let base = '';

beforeAll(async () => {
  const supervisor = new Supervisor(listLabs(), { solutionPort: () => 0, host: '127.0.0.1', hubUrl: 'http://localhost/' });
  server = createServer(hubRoutes(supervisor, { clientJs: async () => '', styleCss: '', hljsCss: '', favicon: '' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface NotesFile {
  /** docs/07-room-chat.md */
  file: string;
  name: string;
  language: 'en' | 'zh';
  /** Where the hub shows it: a lab's notes in its lab view, a guide at /notes/<name>. */
  page: string;
}

const notesFiles: NotesFile[] = (['en', 'zh'] as const).flatMap((language) =>
  readdirSync(language === 'zh' ? join(docsDir, 'zh') : docsDir)
    .filter((file) => file.endsWith('.md'))
    .map((file) => {
      const name = file.slice(0, -'.md'.length);
      const lab = /^(\d\d)-/.exec(name)?.[1];
      const page = `${lab ? `/lab/${lab}` : `/notes/${name}`}${language === 'zh' ? '?lang=zh' : ''}`;
      return { file: `docs/${language === 'zh' ? 'zh/' : ''}${file}`, name, language, page };
    }),
);

/** The links and pictures a notes file's markdown holds, in order, as written. */
function writtenLinks(markdown: string): string[] {
  const hrefs: string[] = [];
  const collect = (token: Token) => void (/^(link|image)$/.test(token.type) && hrefs.push((token as Tokens.Link).href));
  const marked = new Marked({ gfm: true });
  void marked.walkTokens(marked.lexer(markdown), collect);
  return hrefs;
}

/** The same links as the hub renders them (the headings' own # anchors aside). */
function renderedLinks(html: string): string[] {
  const fromEntities = (text: string) => text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return [...html.matchAll(/<a href="([^"]*)"|<img src="([^"]*)"/g)].map((m) => fromEntities(m[1] ?? m[2]!));
}

const pages = new Map<string, Promise<{ status: number; body: string }>>();
const get = (url: string) => {
  if (!pages.has(url))
    pages.set(
      url,
      fetch(url).then(async (res) => ({ status: res.status, body: await res.text() })),
    );
  return pages.get(url)!;
};

describe('the hub', () => {
  it("every link in every notes file, both languages, answers 200 through the hub's routes, in the language it names", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const notes of notesFiles) {
      const written = writtenLinks(readFileSync(join(docsDir, '..', notes.file), 'utf8'));
      const rendered = renderedLinks(renderNotesFile(notes.name, notes.language)!.html);
      if (written.length !== rendered.length) {
        failures.push(`${notes.file}: expected ${written.length} links rendered, the hub rendered ${rendered.length}`);
        continue;
      }
      for (const [i, href] of written.entries()) {
        if (/^[a-z]+:/i.test(href)) continue;
        checked++;
        const url = new URL(rendered[i]!, base + notes.page);
        const { status, body } = await get(url.href.replace(/#.*/, ''));
        const where = `${notes.file}: ${href} → ${url.pathname}${url.search}`;
        if (status !== 200) {
          failures.push(`${where} answered ${status}`);
          continue;
        }
        // A link to notes opens them in the language of the file it names.
        const target = posix.join(notes.language === 'zh' ? 'docs/zh' : 'docs', href.replace(/#.*/, ''));
        const language = target.startsWith('docs/zh/') ? 'zh' : 'en';
        const shown = /<html lang="(\w+)"/.exec(body)?.[1];
        if (target.endsWith('.md') && shown !== language)
          failures.push(`${where} showed the page in "${shown}", not "${language}"`);
        const hash = decodeURIComponent(url.hash.slice(1));
        if (hash && !body.includes(`id="${hash}"`)) failures.push(`${where}: the page has no #${hash}`);
      }
    }
    expect(checked, 'expected the notes to hold relative links to check').toBeGreaterThan(100);
    expect(failures, `expected every link in the notes to answer 200, these did not:\n${failures.join('\n')}`).toEqual([]);
  });

  it("the notes' HTML comments render as nothing, and other raw HTML still shows as text", async () => {
    const withComments = notesFiles.filter((notes) => readFileSync(join(docsDir, '..', notes.file), 'utf8').includes('<!--'));
    expect(withComments.length, 'expected some notes with <!-- answer NN.k --> comments').toBeGreaterThan(3);
    for (const notes of withComments) {
      const { body } = await get(base + notes.page);
      const shown = body.match(/[^\n]{0,40}&#60;!--[^\n]{0,40}/);
      expect(
        shown,
        `expected ${notes.file}'s comments to render as nothing, the page at ${notes.page} shows: ${shown}`,
      ).toBeNull();
    }
    const sample = renderMarkdown('A <b>bold</b> word<!-- a note for the tools -->.\n\n<!-- answer 01.1 -->\n<i>x</i>\n').html;
    expect(sample, `expected the comments to vanish and <b> to show as text, got: ${sample}`).toBe(
      '<p>A &#60;b&#62;bold&#60;/b&#62; word.</p>\n\n<p>&#60;i&#62;x&#60;/i&#62;</p>\n',
    );
  });

  it('the lab view gives the command the hub runs each lab with: labs 09 and 10 as two nodes', async () => {
    for (const lab of listLabs()) {
      const command = ['09', '10'].includes(lab.number)
        ? `npm run lab -- ${lab.number} --nodes 2`
        : `npm run lab -- ${lab.number}`;
      const { body } = await get(`${base}/lab/${lab.number}`);
      const shown = /<p class="terminal">[^<]*<code>([^<]*)<\/code>/.exec(body)?.[1];
      expect(shown, `expected lab ${lab.number}'s view to show "${command}", it shows "${shown}"`).toBe(command);
    }
  });
});
