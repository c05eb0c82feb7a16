// The home page: every lab, whether its server is up, and how far the learner has come.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { docsDir, type LabInfo } from '../../src/labs.ts';
import type { LabProgress } from '../../src/progress.ts';
import { html } from '../html.ts';
import { strings } from '../strings.ts';
import type { LabStatus } from '../supervisor.ts';
import { layout } from './layout.ts';
import { statusCell } from './status.ts';

export interface HomeRow {
  lab: LabInfo;
  status: LabStatus;
  progress: LabProgress;
}

export const shortTitle = (lab: LabInfo) => lab.title.replace(/^Lab \d+ · /, '');

export function homePage(rows: HomeRow[]): string {
  const next = rows.find((row) => row.progress.state !== 'done');
  const guide = (name: string, label: string) =>
    existsSync(join(docsDir, `${name}.md`)) ? html`<a href="/notes/${name}">${label}</a>` : '';
  const body = html`<div class="home">
<h1>${strings.hubTitle}</h1>
<p>${strings.hubIntro}</p>
<p class="continue">${next ? html`${strings.continueAt} <a id="continue" href="/lab/${next.lab.number}">${next.lab.title}</a>` : strings.allDone}</p>
<nav class="guides">${guide('index', strings.courseMap)} ${guide('cheatsheet', strings.cheatSheet)} ${guide('contributing', strings.contributing)}</nav>
<table class="labs"><thead><tr><th>${strings.colNumber}</th><th>${strings.colLab}</th><th>${strings.colConcept}</th><th>${strings.colServer}</th><th>${strings.colProgress}</th></tr></thead>
<tbody>${rows.map(
    ({ lab, status, progress }) => html`<tr data-lab="${lab.number}">
<td>${lab.number}</td><td><a href="/lab/${lab.number}">${shortTitle(lab)}</a></td><td>${lab.concept}</td>
<td class="status" data-status-for="${lab.number}">${statusCell(status)}</td>
<td class="progress" data-state="${progress.state}">${progress.text}</td></tr>`,
  )}</tbody></table></div>`;
  return layout(strings.hubTitle, body, { page: 'home' });
}
