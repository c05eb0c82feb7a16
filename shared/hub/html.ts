// HTML built from templates whose values are escaped unless wrapped in raw(): lab and learner
// text (notes aside) always lands in a page as text.
const RAW = Symbol('raw');
export interface RawHtml {
  [RAW]: string;
}

export function raw(markup: string): RawHtml {
  return { [RAW]: markup };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Value = string | number | boolean | undefined | null | RawHtml | Value[];

function render(value: Value): string {
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object') return value[RAW];
  return escapeHtml(String(value));
}

/** html`<p>${text}</p>`: the result is raw, its values are escaped. */
export function html(parts: TemplateStringsArray, ...values: Value[]): RawHtml {
  return raw(parts.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]!) : ''), ''));
}

export function htmlText(markup: RawHtml): string {
  return markup[RAW];
}
