// One file of a lab, highlighted, with its practice regions (or a copy's open TODOs) marked.
import { highlightLines, languageOf } from '../highlight.ts';
import { html, raw, type RawHtml } from '../html.ts';
import { strings } from '../strings.ts';
import { layout } from './layout.ts';

const BEGIN = /^\s*\/\/ #region practice (\d\d\.\d+): (.+)$/;
const END = /^\s*\/\/ #endregion\s*$/;
const TODO = /\/\/ TODO\((\d\d\.\d+)\)/;

export function codeBlock(file: string, text: string): RawHtml {
  const source = text.split('\n');
  let region: string | undefined;
  const lines = highlightLines(text, languageOf(file)).map((line, i) => {
    const begin = BEGIN.exec(source[i] ?? '');
    if (begin) region = begin[1];
    const todo = TODO.exec(source[i] ?? '')?.[1];
    const marked = region ?? todo;
    const out = html`<li${marked ? html` class="practice" data-region="${marked}"` : ''}>${
      begin || todo ? html`<span class="region-label">${strings.practiceRegion} ${marked}</span>` : ''
    }<code>${raw(line || ' ')}</code></li>`;
    if (END.test(source[i] ?? '')) region = undefined;
    return out;
  });
  return html`<h3 class="file-name"><code>${file}</code></h3><ol class="code hljs">${lines}</ol>`;
}

export function codePage(title: string, back: RawHtml, content: RawHtml): string {
  return layout(title, html`<div class="code-page"><p>${back}</p>${content}</div>`);
}
