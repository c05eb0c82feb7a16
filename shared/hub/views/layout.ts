// The frame of every hub page: its own styles and one small script, all served by the hub.
import { html, raw, type RawHtml, htmlText } from '../html.ts';
import { hubLanguage, strings } from '../strings.ts';

export function layout(title: string, body: RawHtml, { page = 'plain', data = {} as Record<string, string> } = {}): string {
  const attrs = Object.entries(data).map(([key, value]) => html` data-${key}="${value}"`);
  return htmlText(html`<!doctype html>
<html lang="${hubLanguage()}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="/hub/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/hub/hljs.css"><link rel="stylesheet" href="/hub/style.css">
<script id="hub-strings" type="application/json">${raw(JSON.stringify(strings).replace(/</g, '\\u003c'))}</script>
<script src="/hub/client.js" defer></script>
</head><body data-page="${page}"${attrs}>
<button type="button" class="language" data-language-toggle data-to="${hubLanguage() === 'zh' ? 'en' : 'zh'}">${strings.language}</button>
${body}</body></html>`);
}

export { raw };
