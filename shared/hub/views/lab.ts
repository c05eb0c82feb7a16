// The lab view: notes, checkpoints, diff and code in tabs on one side; two live frames of the
// lab's page on the other, the post's left/right window test built in.
import type { LabInfo } from '../../src/labs.ts';
import type { LabProgress } from '../../src/progress.ts';
import type { FileDiff } from '../diff.ts';
import { html, raw, type RawHtml } from '../html.ts';
import type { RenderedNotes } from '../notes.ts';
import { strings } from '../strings.ts';
import type { LabStatus } from '../supervisor.ts';
import { diffView } from './diff.ts';
import { layout } from './layout.ts';
import { shortTitle } from './home.ts';
import { statusCell } from './status.ts';

export interface LabViewData {
  lab: LabInfo;
  prev?: LabInfo;
  next?: LabInfo;
  notes?: RenderedNotes;
  notesZh?: RenderedNotes;
  /** The language the page is in: its notes show in it, when they exist in it. */
  language?: 'en' | 'zh';
  status: LabStatus;
  progress: LabProgress;
  adds?: FileDiff[];
  files: string[];
}

function notesArticle(notes: RenderedNotes | undefined, language: 'en' | 'zh', hidden: boolean): RawHtml {
  if (!notes) return html`<p>No notes yet: docs/${language === 'zh' ? 'zh/' : ''}…</p>`;
  const toc = notes.toc.map((entry) => html`<li class="toc-${entry.depth}"><a href="#${entry.id}">${entry.text}</a></li>`);
  return html`<article class="notes" lang="${language}" data-notes="${language}"${hidden ? raw(' hidden') : ''}>
<nav class="toc"><strong>${strings.contents}</strong><ol>${toc}</ol></nav>${raw(notes.html)}</article>`;
}

function frame(side: 'left' | 'right'): RawHtml {
  const label = side === 'left' ? strings.left : strings.right;
  return html`<figure class="frame" data-frame="${side}">
<figcaption><strong>${label}</strong> <span data-node></span>
<span class="conn" data-conn>…</span>
<button type="button" data-action="reload">${strings.reload}</button>
<button type="button" data-action="toggle">${strings.disconnect}</button>
<a data-action="open" target="_blank" rel="noopener" href="about:blank">${strings.openInTab}</a></figcaption>
<iframe title="${label}: ${side}" name="${side}"></iframe></figure>`;
}

// The terminal command runs the lab as the hub does: labs 09 and 10 as two nodes (their hubArgs).
export function labPage(data: LabViewData): string {
  const { lab, prev, next, status, progress } = data;
  const copyExists = status.practice.exists;
  const showZh = data.language === 'zh' && data.notesZh !== undefined;
  const body = html`<header class="lab-head">
<nav><a href="/">${strings.allLabs}</a>
${prev ? html`<a rel="prev" href="/lab/${prev.number}">${strings.prev} ${prev.number}</a>` : ''}
${next ? html`<a rel="next" href="/lab/${next.number}">${next.number} ${strings.next}</a>` : ''}</nav>
<h1>${(showZh ? data.notesZh?.title : data.notes?.title) || lab.title}</h1>
<p class="concept">${lab.concept}</p>
<p class="terminal">${strings.terminal} <code>npm run lab -- ${[lab.number, ...(lab.hubArgs ?? [])].join(' ')}</code> · port ${lab.port}
· <span data-status-for="${lab.number}">${statusCell(status)}</span>
<span class="progress" data-progress>${progress.text}</span></p>
</header>
<main class="lab-view">
<section class="tabs">
<nav role="tablist">
<button role="tab" data-tab="notes" aria-selected="true">${strings.tabNotes}</button>
<button role="tab" data-tab="checkpoints">${strings.tabCheckpoints}</button>
<button role="tab" data-tab="diff">${strings.tabDiff}</button>
<button role="tab" data-tab="code">${strings.tabCode}</button>
</nav>
<div role="tabpanel" data-panel="notes">${notesArticle(data.notes, 'en', showZh)}${data.notesZh ? notesArticle(data.notesZh, 'zh', !showZh) : ''}</div>
<div role="tabpanel" data-panel="checkpoints" hidden>
<p><button type="button" id="run">${strings.run}</button>
<label><input type="checkbox" id="watch"> ${strings.watch}</label></p>
<p class="grades">${strings.checking}: <code>${copyExists ? `practice/${lab.name}/` : `steps/${lab.name}/`}</code></p>
<div id="check-output" role="log" aria-live="polite"></div>
</div>
<div role="tabpanel" data-panel="diff" hidden>
<h2>${strings.whatThisAdds}${prev ? html` <small>(${prev.number} → ${lab.number})</small>` : ''}</h2>
${data.adds ? diffView(data.adds) : html`<p>${strings.firstLab}</p>`}
<h2>${strings.mineVsSolution}</h2>
${
  copyExists
    ? html`<p class="warning">${strings.spoilerWarning} <button type="button" id="show-mine">${strings.showIt}</button></p><div id="mine"></div>`
    : html`<p>${strings.noCopy} <code>npm run practice -- ${lab.number}</code></p>`
}
</div>
<div role="tabpanel" data-panel="code" hidden>
<ul class="files">${data.files.map((file) => html`<li><a href="/code/${lab.name}/${file}" data-file="${file}">${file}</a></li>`)}</ul>
<div id="code-view"></div>
</div>
</section>
<section class="pages">
<p class="source">${strings.serve}
<label><input type="radio" name="source" value="solution" checked> ${strings.solution}</label>
<label><input type="radio" name="source" value="practice"${copyExists ? '' : raw(' disabled')}> ${strings.myCopy}</label>
<span id="source-note">${copyExists ? '' : html`${strings.noCopy} <code>npm run practice -- ${lab.number}</code>`}</span></p>
<div class="frames">${frame('left')}${frame('right')}</div>
</section>
</main>`;
  return layout(`${lab.number} · ${shortTitle(lab)}`, body, { page: 'lab', data: { lab: lab.number, name: lab.name } });
}
