import { describe, expect, it } from 'vitest';
import { groupRecommendations, publishedVoteSplit } from './rules.js';

describe('recommendation groups', () => {
  it('lists policy, enforcement and transparency in that order, keeping each group’s order, ungrouped last', () => {
    const recs = [
      { n: 1, group: 'enforcement' as const },
      { n: 2, group: null },
      { n: 3, group: 'policy' as const },
      { n: 4, group: 'transparency' as const },
      { n: 5, group: 'policy' as const },
    ];
    expect(groupRecommendations(recs).map((g) => [g.group, g.recommendations.map((r) => r.n)])).toEqual([
      ['policy', [3, 5]],
      ['enforcement', [1]],
      ['transparency', [4]],
      [null, [2]],
    ]);
  });

  it('leaves out empty groups', () => {
    expect(groupRecommendations([])).toEqual([]);
    expect(groupRecommendations([{ group: 'policy' as const }]).map((g) => g.group)).toEqual(['policy']);
  });
});

describe('the published vote split', () => {
  it('is the counts when the board publishes them, and nothing when it withholds them', () => {
    expect(publishedVoteSplit({ counts: { overturn: 4, uphold: 1 }, splitPublished: true })).toEqual({
      overturn: 4,
      uphold: 1,
    });
    expect(publishedVoteSplit({ counts: { overturn: 4, uphold: 1 }, splitPublished: false })).toBeNull();
  });
});
