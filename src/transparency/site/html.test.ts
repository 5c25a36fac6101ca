import { describe, expect, it } from 'vitest';
import { barChart, timeChart } from './charts.js';
import { html, paragraphs, raw } from './html.js';

describe('public page markup', () => {
  it('escapes every value a record gives it, unless it is markup we built', () => {
    const title = '<script>alert("x")</script> & \'co\'';
    expect(html`<h1>${title}</h1>`.value).toBe(
      '<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</h1>',
    );
    expect(html`<p>${[html`<b>${'a<b'}</b>`, raw('<i>ok</i>'), null, false, 3]}</p>`.value).toBe(
      '<p><b>a&lt;b</b><i>ok</i>3</p>',
    );
    expect(paragraphs('one\nline <b>\n\ntwo').value).toBe('<p>one<br>line &lt;b&gt;</p><p>two</p>');
  });

  it('draws a bar per row scaled to the largest, with the numbers as a table, and says when there is nothing', () => {
    const chart = barChart({
      id: 'c',
      title: 'Reports <by> source',
      bars: [
        { label: 'Users', value: 40 },
        { label: 'Trusted <flaggers>', value: 10 },
      ],
    }).value;
    const widths = [...chart.matchAll(/<rect class="bar" [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe((widths[1] as number) * 4);
    expect(chart).toContain('Trusted &lt;flaggers&gt;');
    expect(chart).toContain('<td class="num">40</td>');
    expect(barChart({ id: 'e', title: 'Nothing', bars: [] }).value).toContain('Nothing counted in this period.');
  });

  it('draws columns over time for each series, scaled to the largest, with at most 8 labels', () => {
    const buckets = Array.from({ length: 30 }, (_, i) => `2023-06-${String(i + 1).padStart(2, '0')}`);
    const chart = timeChart({
      id: 't',
      title: 'By day',
      buckets,
      series: [
        { label: 'Reports', className: 'bar', values: buckets.map((_, i) => i) },
        { label: 'Decisions', className: 'bar alt', values: buckets.map(() => 0) },
      ],
    }).value;
    expect(chart.match(/<rect class="bar"/g)).toHaveLength(30);
    expect(chart.match(/<rect class="bar alt"/g)).toHaveLength(30);
    expect(chart).toContain('height="180"><title>Reports, 2023-06-30: 29</title>');
    expect(chart.match(/text-anchor="middle"/g)).toHaveLength(8);
    expect(chart).toContain('>06-01</text>');
  });
});
