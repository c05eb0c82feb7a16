// npm start: the hub. Every lab runs on its own fixed port, in its own process (so one lab's
// crash or database never touches another), and http://localhost:3000/ links to each page and its notes.
import express from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked } from 'marked';
import { startLabProcess, type LabProcess } from '../src/lab-process.ts';
import { docsDir, listLabs, runTool } from '../src/labs.ts';

const hubPort = Number(process.env.HUB_PORT || 3000);

interface RunningEntry {
  number: string;
  name: string;
  title: string;
  concept: string;
  url?: string;
  problem?: string;
}

/** The end of a lab's output: usually the error that stopped it. */
function lastLines(text: string) {
  return text.trim().split('\n').slice(-3).join(' ').slice(0, 400);
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}
code,pre{background:#f5f5f5;border-radius:4px}pre{padding:.6rem;overflow:auto}.down{color:#b00}</style>
</head><body>${body}</body></html>`;
}

await runTool(async () => {
  const labs = listLabs();
  const entries: RunningEntry[] = labs.map((lab) => ({ number: lab.number, name: lab.name, title: lab.title, concept: lab.concept }));
  console.log(`Starting ${labs.length} labs…`);
  const running = await Promise.all(
    labs.map(async (lab, i): Promise<LabProcess | undefined> => {
      const entry = entries[i]!;
      try {
        const started = await startLabProcess({ labDir: lab.dir, env: { PORT: String(lab.port) } });
        entry.url = started.url;
        started.child.once('exit', (code) => {
          entry.url = undefined;
          entry.problem = lastLines(started.output()) || `exited with code ${code}`;
        });
        return started;
      } catch (error) {
        entry.problem = lastLines(String((error as Error).message));
        return undefined;
      }
    }),
  );
  const stopAll = async () => {
    await Promise.all(running.map((lab) => lab?.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll());
  process.on('SIGTERM', () => void stopAll());

  const app = express();
  app.get('/', (_req, res) => {
    const rows = entries
      .map((e) => {
        const page = e.url ? `<a href="${e.url}">${escapeHtml(e.url)}</a>` : `<span class="down">not running: ${escapeHtml(e.problem ?? '')}</span>`;
        return `<tr><td>${e.number}</td><td>${escapeHtml(e.title.replace(/^Lab \d+ · /, ''))}</td><td>${escapeHtml(e.concept)}</td><td>${page}</td><td><a href="/notes/${e.name}">notes</a></td></tr>`;
      })
      .join('');
    res.send(
      layout(
        'Socket.IO Labs',
        `<h1>Socket.IO Labs</h1><p>Every lab is running. Open a page in two tabs, read its notes, then practise:
<code>npm run practice -- NN</code> and <code>npm run check -- NN</code>. <a href="/notes/index">Course map</a>.</p>
<table><tr><th>#</th><th>Lab</th><th>Concept</th><th>Page</th><th>Notes</th></tr>${rows}</table>`,
      ),
    );
  });
  app.get('/notes/:name', (req, res) => {
    const allowed = ['index', 'contributing', ...labs.map((l) => l.name)];
    if (!allowed.includes(req.params.name)) return void res.status(404).send('No such notes.');
    const markdown = readFileSync(join(docsDir, `${req.params.name}.md`), 'utf8')
      // Links between notes point at .md files; in the hub they are pages.
      .replace(/\]\((\d\d-[\w-]+|index|contributing)\.md\)/g, '](/notes/$1)');
    res.send(layout(req.params.name, `<p><a href="/">← all labs</a></p>${marked.parse(markdown, { async: false })}`));
  });
  const server = app.listen(hubPort, () => {
    console.log(`Socket.IO Labs hub: http://localhost:${hubPort}/  (Ctrl+C stops every lab)`);
    for (const e of entries) console.log(`  ${e.number}  ${e.url ?? `not running: ${e.problem}`}`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    for (const lab of running) lab?.child.kill('SIGTERM');
    console.error(
      error.code === 'EADDRINUSE' ? `Port ${hubPort} is in use. Stop what uses it, or run HUB_PORT=3100 npm start.` : String(error),
    );
    process.exit(1);
  });
  await new Promise(() => {});
});
