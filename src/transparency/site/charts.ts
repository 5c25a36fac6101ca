import { html, type Html } from './html.js';

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
export function barChart(options: { id: string; title: string; bars: readonly Bar[]; format?: (n: number) => string }): Html {
  const { id, title, bars } = options;
  const format = options.format ?? ((n: number) => n.toLocaleString('en'));
  if (bars.length === 0) return html`<figure class="chart" id="${id}"><figcaption><strong>${title}</strong></figcaption><p class="empty">Nothing counted in this period.</p></figure>`;
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
