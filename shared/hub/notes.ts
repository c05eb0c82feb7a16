// The notes as HTML: marked for GitHub-flavoured markdown (tables included), headings with ids
// for a table of contents, code highlighted, and links rewritten to stay inside the hub.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
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
export const guides = ['index', 'contributing', 'cheatsheet', 'performance', 'reliability'] as const;

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

/**
 * Where a link in a notes file goes inside the hub. It is resolved as GitHub would, from docs/ (or
 * docs/zh/ for `from: 'zh'`): a lab's notes, a guide, a lab's code or shared/'s, or a picture in docs/.
 * A Chinese target, or one in the other language, says ?lang=, so the hub shows the file the link names.
 */
export function hubHref(href: string, from: 'en' | 'zh' = 'en'): string {
  if (/^[a-z]+:|^#|^\//i.test(href)) return href;
  const [path = '', hash = ''] = href.split('#');
  const anchor = hash ? `#${hash}` : '';
  const target = posix.normalize(posix.join(from === 'zh' ? 'docs/zh' : 'docs', path));
  const note = /^docs\/(zh\/)?([\w-]+)\.md$/.exec(target);
  if (note) {
    const language = note[1] ? 'zh' : 'en';
    const lang = language === 'en' && from === 'en' ? '' : `?lang=${language}`;
    const lab = /^(\d\d)-/.exec(note[2]!);
    if (lab) return `/lab/${lab[1]}${lang}${anchor}`;
    if ((guides as readonly string[]).includes(note[2]!)) return `/notes/${note[2]}${lang}${anchor}`;
  }
  const picture = /^docs\/([\w-]+\.(?:svg|png))$/.exec(target);
  if (picture) return `/docs/${picture[1]}`;
  const code = /^(steps|shared)\/(.+)$/.exec(target);
  if (code) return `/code/${code[1] === 'shared' ? 'shared/' : ''}${code[2]}${anchor}`;
  return href;
}

/** `language` is the folder the notes live in (docs/ or docs/zh/): their relative links start there. */
export function renderMarkdown(markdown: string, language: 'en' | 'zh' = 'en'): RenderedNotes {
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
      // An HTML comment (`<!-- answer 06.4 -->`) is a note to the course's tools: it shows as nothing.
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text.replace(/<!--[\s\S]*?-->/g, ''));
      },
      image({ href, title: imageTitle, text }: Tokens.Image) {
        const attrs = imageTitle ? ` title="${escapeHtml(imageTitle)}"` : '';
        return `<img src="${escapeHtml(hubHref(href, language))}" alt="${escapeHtml(text)}"${attrs}>`;
      },
      link({ href, title: linkTitle, tokens }: Tokens.Link) {
        const target = hubHref(href, language);
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
  const notes = renderMarkdown(readFileSync(file, 'utf8'), language);
  rendered.set(file, { mtimeMs, notes });
  return notes;
}
