// npm start: the hub. Every lab runs on its own fixed port, in its own process (so one lab's
// crash or database never touches another), and http://localhost:3000/ links to each page and its notes.
import express from 'express';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { marked } from 'marked';
import { startLabProcess, type LabProcess } from '../src/lab-process.ts';
import { docsDir, listLabs, NOT_SOURCE, runTool } from '../src/labs.ts';

const hubPort = Number(process.env.HUB_PORT || 3000);

interface RunningEntry {
  number: string;
  name: string;
  title: string;
  concept: string;
  url?: string;
  problem?: string;
}

/** Source files under `dir`: what a learner reads, not installs, reports or databases. */
function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !NOT_SOURCE.has(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? codeFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
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
  const entries: RunningEntry[] = labs.map((lab) => ({
    number: lab.number,
    name: lab.name,
    title: lab.title,
    concept: lab.concept,
  }));
  console.log(`Starting ${labs.length} labs…`);
  const running = await Promise.all(
    labs.map(async (lab, i): Promise<LabProcess | undefined> => {
      const entry = entries[i]!;
      try {
        const started = await startLabProcess({
          labDir: lab.dir,
          args: lab.hubArgs,
          env: { PORT: String(lab.port), HUB_URL: `http://localhost:${hubPort}/` },
        });
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
        const page = e.url
          ? `<a href="${e.url}">${escapeHtml(e.url)}</a>`
          : `<span class="down">not running: ${escapeHtml(e.problem ?? '')}</span>`;
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
      .replace(/\]\((\d\d-[\w-]+|index|contributing)\.md\)/g, '](/notes/$1)')
      // Links into a lab's code open it in the hub's code view.
      .replace(/\]\(\.\.\/steps\/([^)#\s]+)/g, '](/code/$1');
    res.send(layout(req.params.name, `<p><a href="/">← all labs</a></p>${marked.parse(markdown, { async: false })}`));
  });

  // The code view: a lab's source files, read-only, so the notes' links work in the browser too.
  app.get(/^\/code\/(\d\d-[\w-]+)(\/.*)?$/, (req, res) => {
    const lab = labs.find((l) => l.name === req.params[0]);
    const path = resolve(lab?.dir ?? '/nonexistent', `.${req.params[1] ?? '/'}`);
    if (!lab || (path !== lab.dir && !path.startsWith(`${lab.dir}/`)) || !existsSync(path))
      return void res.status(404).send('No such file.');
    if (statSync(path).isFile()) return void res.type('text/plain; charset=utf-8').send(readFileSync(path, 'utf8'));
    const files = codeFiles(path).map((file) => relative(lab.dir, file));
    const list = files.map((file) => `<li><a href="/code/${lab.name}/${file}">${escapeHtml(file)}</a></li>`).join('');
    res.send(
      layout(
        lab.name,
        `<p><a href="/notes/${lab.name}">← notes</a></p><h1>${escapeHtml(relative(lab.dir, path) || lab.name)}</h1><ul>${list}</ul>`,
      ),
    );
  });
  const server = app.listen(hubPort, () => {
    console.log(`Socket.IO Labs hub: http://localhost:${hubPort}/  (Ctrl+C stops every lab)`);
    for (const e of entries) console.log(`  ${e.number}  ${e.url ?? `not running: ${e.problem}`}`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    for (const lab of running) lab?.child.kill('SIGTERM');
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${hubPort} is in use. Stop what uses it, or run HUB_PORT=3100 npm start.`
        : String(error),
    );
    process.exit(1);
  });
  await new Promise(() => {});
});
