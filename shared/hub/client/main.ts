// The hub's only browser script: live server states, tabs, the two frames, the checkpoint runner.
// Everything a lab or a learner wrote arrives as text (textContent) or as HTML the hub escaped.
import type { strings as Strings } from '../strings.ts';
import type { LabStatus } from '../supervisor.ts';

interface StatusMessage {
  labs: (LabStatus & { cell: string })[];
}

const $ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document) => root.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(selector: string, root: ParentNode = document) => [
  ...root.querySelectorAll<T>(selector),
];
// The hub's labels, from the same table the server renders with (shared/hub/strings.ts).
const t = JSON.parse(document.getElementById('hub-strings')!.textContent!) as typeof Strings;
const post = (url: string) => fetch(url, { method: 'POST', headers: { 'x-hub': '1' } });

const listeners: ((status: StatusMessage) => void)[] = [];

// Live states: the hub pushes every change, each lab's cell already rendered and escaped.
const events = new EventSource('/api/events');
events.addEventListener('status', (event) => {
  const status = JSON.parse((event as MessageEvent<string>).data) as StatusMessage;
  for (const lab of status.labs) for (const cell of $$(`[data-status-for="${lab.number}"]`)) cell.innerHTML = lab.cell;
  for (const listener of listeners) listener(status);
});
document.addEventListener('click', (event) => {
  const restart = (event.target as Element).closest<HTMLButtonElement>('[data-restart]');
  if (restart) {
    restart.disabled = true;
    const kind = restart.dataset.kind === 'practice' ? '?kind=practice' : '';
    void post(`/api/labs/${restart.dataset.restart}/restart${kind}`);
  }
});

// 中文 / English, on every page: ?lang= asks the hub for the page in that language, and the hub
// remembers it in a cookie for every page after.
$('[data-language-toggle]')?.addEventListener('click', (event) => {
  const url = new URL(location.href);
  url.searchParams.set('lang', (event.currentTarget as HTMLElement).dataset.to === 'zh' ? 'zh' : 'en');
  location.assign(url.href);
});

if (document.body.dataset.page === 'lab') labView(document.body.dataset.lab!, document.body.dataset.name!);

function labView(number: string, name: string) {
  // Tabs.
  const showTab = (tab: string) => {
    for (const button of $$('[data-tab]')) button.setAttribute('aria-selected', String(button.dataset.tab === tab));
    for (const panel of $$('[data-panel]')) panel.hidden = panel.dataset.panel !== tab;
  };
  for (const button of $$('[data-tab]')) button.addEventListener('click', () => showTab(button.dataset.tab!));

  // The two frames: the lab's own page, from the solution's server or the learner's copy.
  let source: 'solution' | 'practice' = 'solution';
  const frames = $$('[data-frame]');
  const shown = new Map<HTMLElement, string>();
  const initialNote = $('#source-note')!.textContent ?? '';
  // The lab's page speaks the hub's language: ?lang=zh shows its intro in Chinese.
  const lang = document.documentElement.lang === 'zh' ? '?lang=zh' : '';
  const urlOf = (port: number, host = location.hostname) => `${location.protocol}//${host}:${port}/${lang}`;
  // The right frame uses this machine's other name (127.0.0.1 for localhost, and back): another
  // origin, so its own localStorage, as a second browser would have. A lab's stored user stays in its frame.
  const otherName = location.hostname === 'localhost' ? '127.0.0.1' : location.hostname === '127.0.0.1' ? 'localhost' : '';
  const showFrame = (figure: HTMLElement, url: string, node: string) => {
    if (shown.get(figure) === url) return;
    shown.set(figure, url);
    $<HTMLIFrameElement>('iframe', figure)!.src = url;
    $<HTMLAnchorElement>('[data-action="open"]', figure)!.href = url;
    $('[data-conn]', figure)!.textContent = '…';
    $('[data-node]', figure)!.textContent = node;
  };
  const restartButton = (lab: string) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'restart';
    button.dataset.restart = lab;
    button.dataset.kind = 'practice';
    button.textContent = t.restart;
    return button;
  };
  let lastStatus: StatusMessage | undefined;
  const apply = (status: StatusMessage) => {
    lastStatus = status;
    const lab = status.labs.find((l) => l.number === number);
    if (!lab) return;
    const server = lab[source];
    if (server.state === 'up' && server.port) {
      // A lab with two nodes (09): the right frame talks to the second one, as on another server.
      const second = server.otherNodes?.[0];
      showFrame(frames[0]!, urlOf(server.port), '');
      showFrame(frames[1]!, urlOf(second ?? server.port, otherName || undefined), second ? t.secondNode : '');
    }
    const note = $('#source-note')!;
    // A server that is down says why, in its own last lines.
    if (server.state === 'down') {
      note.textContent = `${(server.lastLines ?? []).join('\n')}\n`;
      // A crashed copy restarts from here, as the solution does from its status cell.
      if (source === 'practice') note.append(restartButton(number));
    } else if (source === 'practice') note.textContent = server.state === 'up' ? '' : t.copyStarting;
    else note.textContent = initialNote;
  };
  listeners.push(apply);
  for (const figure of frames) {
    const iframe = $<HTMLIFrameElement>('iframe', figure)!;
    const toggleButton = $<HTMLButtonElement>('[data-action="toggle"]', figure)!;
    $('[data-action="reload"]', figure)!.addEventListener('click', () => {
      iframe.src = shown.get(figure) ?? 'about:blank';
    });
    toggleButton.addEventListener('click', () => {
      const wanted = toggleButton.dataset.connected === 'false' ? 'reconnect' : 'disconnect';
      iframe.contentWindow?.postMessage({ hub: wanted }, '*');
    });
  }
  // The page's hook (shared/src/page-hook.ts) reports its sockets' state.
  window.addEventListener('message', (event) => {
    const figure = frames.find((f) => $<HTMLIFrameElement>('iframe', f)!.contentWindow === event.source);
    const data = event.data as { hub?: string; connected?: boolean };
    if (!figure || data?.hub !== 'state') return;
    $('[data-conn]', figure)!.textContent = data.connected ? `● ${t.connected}` : `○ ${t.disconnected}`;
    $('[data-conn]', figure)!.dataset.connected = String(data.connected);
    const button = $<HTMLButtonElement>('[data-action="toggle"]', figure)!;
    button.dataset.connected = String(data.connected);
    button.textContent = data.connected ? t.disconnect : t.reconnect;
  });
  for (const radio of $$<HTMLInputElement>('input[name="source"]')) {
    radio.addEventListener('change', async () => {
      source = radio.value as typeof source;
      shown.clear();
      if (source === 'practice') await post(`/api/labs/${number}/practice`);
      if (lastStatus) apply(lastStatus);
    });
  }

  // Checkpoints: the course's own check, streamed line by line.
  const output = $('#check-output')!;
  const runButton = $<HTMLButtonElement>('#run')!;
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    // A save during a run asks for one more run once this one ends.
    if (running) {
      again = true;
      return;
    }
    running = true;
    runButton.disabled = true;
    runButton.textContent = t.running;
    output.replaceChildren();
    output.dataset.state = 'running';
    const streamed = (async () => {
      const response = await post(`/api/labs/${number}/check`);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const lines = (pending + value).split('\n');
        pending = lines.pop()!;
        for (const line of lines) showLine(line);
      }
      if (pending) showLine(pending);
    })();
    try {
      await streamed;
    } finally {
      running = false;
      output.dataset.state = 'done';
      runButton.disabled = false;
      runButton.textContent = t.run;
      const progress = (await (await fetch(`/api/labs/${number}/progress`)).json()) as { text: string };
      $('[data-progress]')!.textContent = progress.text;
    }
    if (again) {
      again = false;
      await run();
    }
  };
  const showLine = (line: string) => {
    const div = document.createElement('div');
    div.textContent = line;
    div.className = line.startsWith('✅')
      ? 'ok'
      : line.startsWith('❌')
        ? 'fail'
        : /^\s*Hint \d/.test(line)
          ? 'hint'
          : /^(💥|🔎|🧹)/u.test(line)
            ? 'cause'
            : line.startsWith('⏸')
              ? 'not-run'
              : '';
    output.append(div);
    div.scrollIntoView({ block: 'nearest' });
  };
  runButton.addEventListener('click', () => void run());
  let changes: EventSource | undefined;
  $<HTMLInputElement>('#watch')!.addEventListener('change', (event) => {
    changes?.close();
    changes = undefined;
    if (!(event.target as HTMLInputElement).checked) return;
    changes = new EventSource(`/api/labs/${number}/changes`);
    changes.addEventListener('change', () => void run());
  });

  // Diff: the learner's copy against the solution, only when asked.
  $('#show-mine')?.addEventListener('click', async () => {
    $('#mine')!.innerHTML = await (await fetch(`/api/labs/${number}/diff/mine`)).text();
  });

  // Code: one file at a time, highlighted by the hub.
  for (const link of $$<HTMLAnchorElement>('[data-file]')) {
    link.addEventListener('click', async (event) => {
      event.preventDefault();
      $('#code-view')!.innerHTML = await (await fetch(`/code/${name}/${link.dataset.file}?fragment`)).text();
    });
  }
}
