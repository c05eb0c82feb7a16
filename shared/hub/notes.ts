// The notes as HTML: marked for GitHub-flavoured markdown (tables included), headings with ids
// for a table of contents, code highlighted, and links rewritten to stay inside the hub.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import { docsDir } from '../src/labs.ts';
import { highlight } from './highlight.ts';
import { escapeHtml } from './html.ts';

export interface TocEntry {
  depth: number;
  id: string;
  text: string;
}

export interface RenderedNotes {
  title: string;
  html: string;
  toc: TocEntry[];
}

/** Guides outside the labs that the hub shows as notes, when the file exists. */
export const guides = ['index', 'contributing', 'cheatsheet'] as const;

function slug(text: string, taken: Set<string>): string {
  const base =
    text
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'section';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Where a link in the notes goes inside the hub. */
export function hubHref(href: string): string {
  if (/^[a-z]+:|^#|^\//.test(href)) return href;
  const [path = '', hash = ''] = href.split('#');
  const anchor = hash ? `#${hash}` : '';
  const note = /^(?:\.\/|(?:\.\.\/)?docs\/|\.\.\/)?(?:zh\/)?(\d\d)-[\w-]+\.md$/.exec(path);
  if (note) return `/lab/${note[1]}${anchor}`;
  const guide = /^(?:\.\/|(?:\.\.\/)?docs\/)?([\w-]+)\.md$/.exec(path);
  if (guide && (guides as readonly string[]).includes(guide[1]!)) return `/notes/${guide[1]}${anchor}`;
  const code = /^(?:\.\.\/)?steps\/(.+)$/.exec(path);
  if (code) return `/code/${code[1]}${anchor}`;
  return href;
}

export function renderMarkdown(markdown: string): RenderedNotes {
  const toc: TocEntry[] = [];
  const taken = new Set<string>();
  let title = '';
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      heading({ tokens, depth }: Tokens.Heading) {
        const inner = this.parser.parseInline(tokens);
        const text = this.parser.parseInline(tokens, this.parser.textRenderer);
        if (depth === 1 && !title) title = text;
        const id = slug(text, taken);
        if (depth >= 2 && depth <= 3) toc.push({ depth, id, text });
        const anchor = depth >= 2 ? `<a class="anchor" href="#${id}" aria-hidden="true">#</a>` : '';
        return `<h${depth} id="${id}">${anchor}${inner}</h${depth}>\n`;
      },
      code({ text, lang }: Tokens.Code) {
        const language = (lang ?? '').split(/\s/)[0];
        return `<pre class="hljs"><code>${highlight(text, language)}</code></pre>\n`;
      },
      // Raw HTML in the notes is shown as text: the hub renders nothing it did not write itself.
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      link({ href, title: linkTitle, tokens }: Tokens.Link) {
        const target = hubHref(href);
        const external = /^https?:/.test(target);
        const attrs = `${linkTitle ? ` title="${escapeHtml(linkTitle)}"` : ''}${external ? ' target="_blank" rel="noopener"' : ''}`;
        return `<a href="${escapeHtml(target)}"${attrs}>${this.parser.parseInline(tokens)}</a>`;
      },
    },
  });
  const out = marked.parse(markdown) as string;
  return { title, html: out, toc };
}

const rendered = new Map<string, { mtimeMs: number; notes: RenderedNotes }>();

/** A notes file from docs/ (or docs/zh/), rendered (again only once it changed); undefined if it does not exist. */
export function renderNotesFile(name: string, language: 'en' | 'zh' = 'en'): RenderedNotes | undefined {
  const file = language === 'zh' ? join(docsDir, 'zh', `${name}.md`) : join(docsDir, `${name}.md`);
  if (!existsSync(file)) return undefined;
  const { mtimeMs } = statSync(file);
  const cached = rendered.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.notes;
  const notes = renderMarkdown(readFileSync(file, 'utf8'));
  rendered.set(file, { mtimeMs, notes });
  return notes;
}
