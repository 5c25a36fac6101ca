import { describe, expect, it } from 'vitest';
import { linkEntries, GENESIS_HASH } from '../../core/chain.js';
import { tlogLeaf } from './tlog.js';

describe('the public log entry as a transparency-log leaf', () => {
  const [entry] = linkEntries({ seq: 0, hash: GENESIS_HASH }, [
    {
      stream: 'BC-2023-001',
      type: 'board.decision',
      actor: 'board',
      at: '2023-08-01T10:00:00.000Z',
      payload: { outcome: 'uphold' },
    },
  ]);
  if (!entry) throw new Error('no entry');

  it('is the canonical JSON of the entry without its payload, keys in code-point order', () => {
    expect(Buffer.from(tlogLeaf(entry)).toString('utf8')).toBe(
      `{"actor":"board","at":"2023-08-01T10:00:00.000Z","hash":"${entry.hash}","prev":"${GENESIS_HASH}","seq":1,"stream":"BC-2023-001","type":"board.decision"}`,
    );
  });

  it('still commits to the payload through the chain hash', () => {
    const [edited] = linkEntries({ seq: 0, hash: GENESIS_HASH }, [{ ...entry, payload: { outcome: 'overturn' } }]);
    expect(Buffer.from(tlogLeaf(edited as typeof entry)).equals(Buffer.from(tlogLeaf(entry)))).toBe(false);
  });
});
