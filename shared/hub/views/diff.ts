// A list of file diffs as HTML: added lines green, removed lines red, every line as text.
import type { FileDiff } from '../diff.ts';
import { html, type RawHtml } from '../html.ts';
import { strings } from '../strings.ts';

export function diffView(diffs: FileDiff[]): RawHtml {
  if (diffs.length === 0) return html`<p>${strings.noChanges}</p>`;
  return html`${diffs.map(
    (
      diff,
    ) => html`<details class="file-diff" open data-diff-file="${diff.file}"><summary><code>${diff.file}</code> <small>${diff.status}</small></summary>
${diff.hunks.map(
  (hunk) => html`<pre class="hunk"><span class="hunk-head">${hunk.header}</span>
${hunk.lines.map((line) => html`<span class="line ${line.kind}" data-kind="${line.kind}">${line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : ' '}${line.text}</span>\n`)}</pre>`,
)}</details>`,
  )}`;
}
