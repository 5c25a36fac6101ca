import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, linkEntries } from '../../core/chain.js';
import type { PublicLogDocument } from '../public-log/reads.js';
import { logPage } from './log-page.js';

const entries = linkEntries(
  { seq: 0, hash: GENESIS_HASH },
  Array.from({ length: 120 }, (_, i) => ({
    stream: `BC-2023-001-R${i + 1}`,
    type: 'board.response',
    actor: 'platform',
    at: '2023-08-28T00:00:00.000Z',
    payload: {},
  })),
);
const pageThrough = (through: number) => {
  const shown = entries.filter((e) => e.seq > through - 50 && e.seq <= through);
  const log: PublicLogDocument = {
    log: 'docket-public-log',
    key: null,
    head: { seq: 120, hash: entries[119]?.hash ?? '' },
    entries: shown,
    checkpoints: [],
    nextAfter: null,
  };
  return logPage(log, 120, 'https://docket.example', through);
};

describe('the public log page', () => {
  it('shows the newest 50 entries, newest first, and pages back through the rest', () => {
    const newest = pageThrough(120);
    expect(newest).toContain('Newest entries');
    expect(newest.indexOf('<td class="num">120</td>')).toBeLessThan(newest.indexOf('<td class="num">71</td>'));
    expect(newest).not.toContain('<td class="num">70</td>');
    expect(newest).toContain('<a href="/log?through=70#entries" rel="next">Older entries</a>');
    expect(newest).not.toContain('Newer entries');

    const middle = pageThrough(70);
    expect(middle).toContain('Entries 21 to 70');
    expect(middle).toContain('<a href="/log?through=120#entries" rel="prev">Newer entries</a>');
    expect(middle).toContain('<a href="/log?through=20#entries" rel="next">Older entries</a>');

    const oldest = pageThrough(20);
    expect(oldest).toContain('Entries 1 to 20');
    expect(oldest).not.toContain('Older entries');
  });

  it('tells the reader how to check the log against this site, with its key', () => {
    expect(pageThrough(120)).toContain('docket verify --public https://docket.example/public/log --key ');
  });
});
