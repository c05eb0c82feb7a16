// The hub's routes: pages (home, lab view, notes, code) and a small API the browser script uses.
// Anything that acts (run, restart, start a copy) is a POST with the hub's own header, which
// another site's page cannot send.
import express, { type Request, type Response } from 'express';
import { existsSync, readFileSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { docsDir, type LabInfo } from '../src/labs.ts';
import { labProgress } from '../src/progress.ts';
import { runCheck } from './check-runner.ts';
import { diffLabs } from './diff.ts';
import { labFiles, Refused, safePath, sharedDir } from './files.ts';
import { html, raw, htmlText } from './html.ts';
import { guides, renderNotesFile } from './notes.ts';
import { type HubLanguage, hubLanguage, inThisLanguage, speaking, strings } from './strings.ts';
import type { Supervisor } from './supervisor.ts';
import { codeBlock, codePage } from './views/code.ts';
import { diffView } from './views/diff.ts';
import { homePage } from './views/home.ts';
import { labPage } from './views/lab.ts';
import { layout } from './views/layout.ts';
import { statusCell } from './views/status.ts';

export interface Assets {
  clientJs: () => Promise<string>;
  styleCss: string;
  hljsCss: string;
  favicon: string;
}

export function hubRoutes(supervisor: Supervisor, assets: Assets): express.Express {
  const labs = supervisor.labs;
  const app = express();
  app.disable('x-powered-by');
  const byNumber = (value: string | undefined): LabInfo | undefined =>
    /^\d{1,2}$/.test(value ?? '') ? labs.find((lab) => lab.number === value!.padStart(2, '0')) : undefined;
  const statusOf = (lab: LabInfo) => supervisor.status().find((s) => s.number === lab.number)!;

  // Anything that acts must come from the hub's own script.
  const action =
    (handler: (req: Request, res: Response, lab: LabInfo) => void | Promise<void>) => async (req: Request, res: Response) => {
      const lab = byNumber(String(req.params.number));
      if (req.get('x-hub') !== '1') return void res.status(403).type('text/plain').send('Refused: not from the hub page.');
      if (!lab) return void res.status(404).type('text/plain').send(strings.noSuchLab);
      await handler(req, res, lab);
    };

  // The language: ?lang=zh|en (which the hub then remembers in a cookie), else the cookie that the
  // 中文 / English toggle sets, else English. Every label and the notes follow it.
  app.use((req, res, next) => {
    const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    const remembered = /(?:^|;\s*)hub-language=(en|zh)\b/.exec(req.get('cookie') ?? '')?.[1];
    const language: HubLanguage = asked === 'zh' || asked === 'en' ? asked : remembered === 'zh' ? 'zh' : 'en';
    if (asked === 'zh' || asked === 'en')
      res.append('set-cookie', `hub-language=${asked}; Path=/; Max-Age=31536000; SameSite=Lax`);
    speaking(language, next);
  });

  app.get('/hub/client.js', async (_req, res) => void res.type('application/javascript').send(await assets.clientJs()));
  app.get('/hub/style.css', (_req, res) => void res.type('text/css').send(assets.styleCss));
  app.get('/hub/hljs.css', (_req, res) => void res.type('text/css').send(assets.hljsCss));
  app.get(['/hub/favicon.svg', '/favicon.ico'], (_req, res) => void res.type('image/svg+xml').send(assets.favicon));

  app.get('/', (_req, res) => {
    res.send(homePage(labs.map((lab) => ({ lab, status: statusOf(lab), progress: labProgress(lab) }))));
  });

  app.get('/lab/:number', (req, res) => {
    const lab = byNumber(req.params.number);
    if (!lab)
      return void res
        .status(404)
        .send(layout(strings.noSuchLab, html`<p>${strings.noSuchLab} <a href="/">${strings.allLabs}</a></p>`));
    if (lab.number !== req.params.number) return void res.redirect(`/lab/${lab.number}`);
    const index = labs.indexOf(lab);
    const prev = labs[index - 1];
    res.send(
      labPage({
        lab,
        prev,
        next: labs[index + 1],
        notes: renderNotesFile(lab.name),
        notesZh: renderNotesFile(lab.name, 'zh'),
        language: hubLanguage(),
        status: statusOf(lab),
        progress: labProgress(lab),
        adds: prev ? diffLabs(prev.dir, lab.dir, { withTests: false }) : undefined,
        files: labFiles(lab.dir),
      }),
    );
  });

  app.get('/notes/:name', (req, res) => {
    const lab = labs.find((l) => l.name === req.params.name);
    if (lab) return void res.redirect(`/lab/${lab.number}`);
    const known = (guides as readonly string[]).includes(req.params.name);
    const notes = known ? (renderNotesFile(req.params.name, hubLanguage()) ?? renderNotesFile(req.params.name)) : undefined;
    if (!notes)
      return void res
        .status(404)
        .send(layout(strings.noNotes, html`<p>${strings.noNotes} <a href="/">${strings.allLabs}</a></p>`));
    const toc = notes.toc.map((entry) => html`<li class="toc-${entry.depth}"><a href="#${entry.id}">${entry.text}</a></li>`);
    res.send(
      layout(
        notes.title,
        html`<div class="guide"><p><a href="/">${strings.allLabs}</a></p><article class="notes"><nav class="toc"><strong>${strings.contents}</strong><ol>${toc}</ol></nav>${raw(notes.html)}</article></div>`,
      ),
    );
  });

  // The notes' pictures (docs/*.svg, docs/*.png), by name alone; an SVG opened on its own runs no script.
  app.get('/docs/:file', (req, res) => {
    const file = join(docsDir, req.params.file);
    if (!/^[\w-]+\.(svg|png)$/.test(req.params.file) || !existsSync(file))
      return void res.status(404).type('text/plain').send(strings.noSuchFile);
    res.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").sendFile(file);
  });

  // The code view: /code/NN-name/path for the solution, /code/practice/NN-name/path for the copy,
  // /code/shared/path for the plumbing the notes link to.
  app.get(/^\/code\/(.*)$/, (req, res) => {
    let rest: string;
    try {
      rest = decodeURIComponent(req.path.slice('/code/'.length));
    } catch {
      return void res.status(400).type('text/plain').send(strings.refused);
    }
    const practice = rest.startsWith('practice/');
    if (practice) rest = rest.slice('practice/'.length);
    const [folder = '', ...parts] = rest.split('/');
    const lab = labs.find((l) => l.name === folder);
    const shared = folder === 'shared' && !practice;
    if (!lab && !shared) return void res.status(404).type('text/plain').send(strings.noSuchLab);
    const root = lab ? (practice ? lab.practiceDir : lab.dir) : sharedDir;
    let path: string;
    try {
      path = safePath(root, parts.join('/'));
    } catch (error) {
      if (error instanceof Refused) return void res.status(403).type('text/plain').send(`${strings.refused} (${error.message})`);
      throw error;
    }
    if (!existsSync(path)) return void res.status(404).type('text/plain').send(strings.noSuchFile);
    const shownRoot = !lab ? 'shared' : practice ? `practice/${lab.name}` : `steps/${lab.name}`;
    const back = lab ? html`<a href="/lab/${lab.number}">← ${lab.title}</a>` : html`<a href="/">${strings.allLabs}</a>`;
    if (statSync(path).isDirectory()) {
      const base = parts.filter(Boolean).join('/');
      const files = labFiles(root).filter((file) => !base || file.startsWith(`${base}/`));
      const list = html`<h1>${shownRoot}/${base}</h1><ul class="files">${files.map(
        (file) => html`<li><a href="/code/${practice ? 'practice/' : ''}${folder}/${file}">${file}</a></li>`,
      )}</ul>`;
      return void res.send(codePage(shownRoot, back, list));
    }
    const text = readFileSync(path, 'utf8');
    if ('raw' in req.query) return void res.type('text/plain; charset=utf-8').send(text);
    const block = codeBlock(parts.join('/'), text);
    if ('fragment' in req.query) return void res.send(htmlText(block));
    res.send(codePage(`${shownRoot}/${parts.join('/')}`, back, block));
  });

  // Live state, pushed: every lab's servers, with the cell the pages show already rendered.
  app.get('/api/status', (_req, res) => void res.json(supervisor.status()));
  app.get('/api/events', (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    // Pushed later, outside this request: bound, so the cells keep this page's language.
    const send = inThisLanguage(() => {
      const labsNow = supervisor.status().map((status) => ({ ...status, cell: htmlText(statusCell(status)) }));
      res.write(`event: status\ndata: ${JSON.stringify({ labs: labsNow })}\n\n`);
    });
    send();
    supervisor.on('change', send);
    req.on('close', () => supervisor.off('change', send));
  });

  // ?kind=practice restarts the learner's copy (a crashed one), else the solution.
  app.post(
    '/api/labs/:number/restart',
    action(async (req, res, lab) => {
      const kind = req.query.kind === 'practice' ? 'practice' : 'solution';
      if (kind === 'practice' && !existsSync(lab.practiceDir))
        return void res.status(404).json({ error: `${strings.noCopy} npm run practice -- ${lab.number}` });
      res.json(await supervisor.start(lab, kind));
    }),
  );
  app.post(
    '/api/labs/:number/practice',
    action(async (_req, res, lab) => {
      if (!existsSync(lab.practiceDir))
        return void res.status(404).json({ error: `${strings.noCopy} npm run practice -- ${lab.number}` });
      const current = statusOf(lab).practice;
      res.json(current.state === 'up' || current.state === 'starting' ? current : await supervisor.start(lab, 'practice'));
    }),
  );
  app.get('/api/labs/:number/progress', (req, res) => {
    const lab = byNumber(req.params.number);
    if (!lab) return void res.status(404).json({ error: strings.noSuchLab });
    res.json(labProgress(lab));
  });

  // Run: the course's own check for this lab, streamed as it prints.
  app.post(
    '/api/labs/:number/check',
    action(async (_req, res, lab) => {
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      const abort = new AbortController();
      res.on('close', () => abort.abort());
      const code = await runCheck(lab, (line) => res.write(`${line}\n`), abort.signal);
      res.end(`\n(check exited with code ${code})\n`);
    }),
  );

  // Watch: tells the page when the graded folder changes, so it can run again.
  app.get('/api/labs/:number/changes', (req, res) => {
    const lab = byNumber(req.params.number);
    if (!lab) return void res.status(404).end();
    const target = existsSync(lab.practiceDir) ? lab.practiceDir : lab.dir;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(': watching\n\n');
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => res.write('event: change\ndata: {}\n\n'), 200);
    };
    const watchers = ['src', 'page']
      .filter((f) => existsSync(join(target, f)))
      .map((f) => watch(join(target, f), { recursive: true }, changed));
    req.on('close', () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    });
  });

  // The learner's copy against the solution: only on request, behind a warning in the page.
  app.get('/api/labs/:number/diff/mine', (req, res) => {
    const lab = byNumber(req.params.number);
    if (!lab || !existsSync(lab.practiceDir)) return void res.status(404).type('text/plain').send(strings.noSuchLab);
    res.send(htmlText(diffView(diffLabs(lab.practiceDir, lab.dir, { withTests: false }))));
  });
  return app;
}
