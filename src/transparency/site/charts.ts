import { html, type Html } from './html.js';
import type { Step } from '../statistics/contract.js';

export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 640;
const ROW = 26;
const LABEL = 210;
const VALUE = 70;

/**
 * A horizontal bar chart as inline SVG (drawn on the server, so it needs no script), with the same numbers as a
 * table under it for screen readers and for copying.
 */
export function barChart(options: {
  id: string;
  title: string;
  bars: readonly Bar[];
  format?: (n: number) => string;
}): Html {
  const { id, title, bars } = options;
  const format = options.format ?? ((n: number) => n.toLocaleString('en'));
  if (bars.length === 0)
    return html`<figure class="chart" id="${id}"><figcaption><strong>${title}</strong></figcaption><p class="empty">Nothing counted in this period.</p></figure>`;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const span = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 10;
  const rows = bars.map((bar, i) => {
    const y = 5 + i * ROW;
    const width = Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * span));
    return html`<text x="${LABEL - 8}" y="${y + 17}" text-anchor="end">${truncate(bar.label, 30)}</text><rect class="bar" x="${LABEL}" y="${y + 4}" width="${width}" height="${ROW - 8}"><title>${bar.label}: ${format(bar.value)}</title></rect><text x="${LABEL + width + 6}" y="${y + 17}">${format(bar.value)}</text>`;
  });
  return html`<figure class="chart" id="${id}">
<figcaption><strong id="${id}-title">${title}</strong></figcaption>
<svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
<line class="axis" x1="${LABEL}" y1="0" x2="${LABEL}" y2="${height}"></line>${rows}
</svg>
<details><summary>The numbers</summary><table><thead><tr><th scope="col">${title}</th><th scope="col" class="num">Count</th></tr></thead><tbody>${bars.map((b) => html`<tr><td>${b.label}</td><td class="num">${format(b.value)}</td></tr>`)}</tbody></table></details>
</figure>`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

export interface TimeSeries {
  label: string;
  /** A CSS class of the series' columns (`bar`, `bar alt`, `bar third`). */
  className: string;
  values: readonly number[];
}

const TIME_WIDTH = 640;
const TIME_HEIGHT = 220;
const AXIS = 40;

/**
 * Columns over time, one group per period bucket, drawn on the server as SVG with a legend, and the numbers as a
 * table under it. At most 8 bucket labels are written under the axis, evenly spaced.
 */
export function timeChart(options: {
  id: string;
  title: string;
  buckets: readonly string[];
  series: readonly TimeSeries[];
  step?: Step;
}): Html {
  const { id, title, buckets, series } = options;
  // Years as 2023, months as 2023-06, days and weeks as 06-26 (the period's years are in the form above the chart).
  const label = (start: string) =>
    options.step === 'year' ? start.slice(0, 4) : options.step === 'month' ? start.slice(0, 7) : start.slice(5);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotWidth = TIME_WIDTH - AXIS - 10;
  const plotHeight = TIME_HEIGHT - 40;
  const group = plotWidth / Math.max(1, buckets.length);
  const column = Math.max(1, (group * 0.8) / series.length);
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  const columns = series.flatMap((s, si) =>
    s.values.map((value, bi) => {
      const height = Math.round((value / max) * plotHeight);
      const x = AXIS + bi * group + group * 0.1 + si * column;
      return html`<rect class="${s.className}" x="${x.toFixed(1)}" y="${10 + plotHeight - height}" width="${column.toFixed(1)}" height="${height}"><title>${s.label}, ${buckets[bi] ?? ''}: ${value.toLocaleString('en')}</title></rect>`;
    }),
  );
  const labels = buckets.map((b, i) =>
    i % every === 0
      ? html`<text x="${(AXIS + i * group + group / 2).toFixed(1)}" y="${TIME_HEIGHT - 12}" text-anchor="middle">${label(b)}</text>`
      : '',
  );
  return html`<figure class="chart" id="${id}">
<figcaption><strong id="${id}-title">${title}</strong> <span class="legend">${series.map((s) => html`<span class="key ${s.className}"></span>${s.label} `)}</span></figcaption>
<svg role="img" aria-labelledby="${id}-title" viewBox="0 0 ${TIME_WIDTH} ${TIME_HEIGHT}" width="${TIME_WIDTH}" height="${TIME_HEIGHT}" xmlns="http://www.w3.org/2000/svg">
<line class="axis" x1="${AXIS}" y1="${10 + plotHeight}" x2="${TIME_WIDTH - 10}" y2="${10 + plotHeight}"></line>
<text x="${AXIS - 6}" y="16" text-anchor="end">${max.toLocaleString('en')}</text><text x="${AXIS - 6}" y="${10 + plotHeight}" text-anchor="end">0</text>
${columns}${labels}
</svg>
<details><summary>The numbers</summary><table><thead><tr><th scope="col">From</th>${series.map((s) => html`<th scope="col" class="num">${s.label}</th>`)}</tr></thead><tbody>${buckets.map((b, i) => html`<tr><td>${b}</td>${series.map((s) => html`<td class="num">${(s.values[i] ?? 0).toLocaleString('en')}</td>`)}</tr>`)}</tbody></table></details>
</figure>`;
}
