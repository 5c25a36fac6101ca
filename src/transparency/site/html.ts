/**
 * HTML for the server-rendered public site. Every interpolated value is escaped unless it is already `Html`
 * (made by this tag or by `raw`), so a record's text can never become markup on a public page.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Fragment = Html | string | number | boolean | null | undefined | readonly Fragment[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

function render(fragment: Fragment): string {
  if (fragment instanceof Html) return fragment.value;
  if (fragment === null || fragment === undefined || fragment === false || fragment === true) return '';
  if (Array.isArray(fragment)) return fragment.map(render).join('');
  return escapeHtml(String(fragment));
}

export function html(strings: TemplateStringsArray, ...values: Fragment[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Markup that is trusted as it is (built by our own code, never from a record's text). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** A record's text as paragraphs: blank lines separate them, single newlines become line breaks. */
export function paragraphs(text: string): Html {
  return html`${text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}</p>`)}`;
}

/** A date as the site shows it: `2023-06-29`. */
export function day(value: string | Date | null | undefined): string {
  if (!value) return '';
  const iso = typeof value === 'string' ? value : value.toISOString();
  return iso.slice(0, 10);
}
