// A lab server's state as a small piece of HTML: the home page and the lab view both show it,
// and the browser script redraws it from the same data when the state changes.
import { html, type RawHtml } from '../html.ts';
import { strings } from '../strings.ts';
import type { LabStatus } from '../supervisor.ts';

export function statusCell(status: LabStatus): RawHtml {
  const server = status.solution;
  if (server.state === 'up')
    return html`<span class="state up" data-state="up">● ${strings.up}</span> <span class="port">:${server.port}</span>`;
  if (server.state === 'down') {
    return html`<span class="state down" data-state="down">● ${strings.down}</span>
<button type="button" class="restart" data-restart="${status.number}">${strings.restart}</button>
<pre class="last-lines">${(server.lastLines ?? []).join('\n')}</pre>`;
  }
  return html`<span class="state starting" data-state="starting">${strings.starting}</span>`;
}
