import type { CountryLabeller } from '../../core/countries.js';
import type { FieldError } from '../../core/errors.js';
import { html, type Html } from './html.js';

/** The pieces of the site's GET search forms: a labelled field per filter, and the summary of what was wrong. */

export interface Choice {
  value: string;
  label: string;
}

/** A drop-down whose first choice is "any"; a current value that is not among the choices is kept as one. */
export function selectField(
  name: string,
  label: string,
  choices: readonly Choice[],
  current: string | undefined,
  any = 'Any',
): Html {
  const all =
    current && !choices.some((c) => c.value === current) ? [...choices, { value: current, label: current }] : choices;
  return html`<label>${label}<select name="${name}"><option value="">${any}</option>${all.map(
    (c) => html`<option value="${c.value}"${c.value === current ? html` selected` : ''}>${c.label}</option>`,
  )}</select></label>`;
}

export function inputField(
  name: string,
  label: string,
  type: 'search' | 'date',
  current: string | undefined,
  extra: { placeholder?: string; maxlength?: number } = {},
): Html {
  return html`<label>${label}<input type="${type}" name="${name}" value="${current ?? ''}"${extra.placeholder ? html` placeholder="${extra.placeholder}"` : ''}${extra.maxlength ? html` maxlength="${extra.maxlength}"` : ''}></label>`;
}

/** A search form: GET, so its result is a link; with a button to clear it. */
export function searchForm(action: string, label: string, fields: readonly Html[]): Html {
  return html`<form method="get" action="${action}" class="filters" role="search" aria-label="${label}">
${fields}
<span class="filter-buttons"><button type="submit">Search</button> <a class="button secondary" href="${action}">Clear</a></span>
</form>`;
}

/** What was wrong with a search, field by field (the page answers 400 with it). */
export function errorSummary(errors: readonly FieldError[], labels: Record<string, string>): Html {
  if (errors.length === 0) return html``;
  return html`<section class="errors" aria-labelledby="errors-title">
<h2 id="errors-title">The search could not be run</h2>
<ul>${errors.map((e) => html`<li><strong>${labels[e.field] ?? e.field}</strong>: ${e.message}</li>`)}</ul>
</section>`;
}

/** A date as a `<time>` element, or a dash. */
export function time(value: string | null | undefined): Html {
  if (!value) return html`<span class="muted">—</span>`;
  return html`<time datetime="${value}">${value.slice(0, 10)}</time>`;
}

/** Countries as choices, in the order of their names. */
export const countryChoices = (codes: readonly string[], label: CountryLabeller): Choice[] =>
  codes.map((c) => ({ value: c, label: label(c) })).sort((a, b) => a.label.localeCompare(b.label, 'en'));
