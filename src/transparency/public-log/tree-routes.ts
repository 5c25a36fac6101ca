import { Type } from 'typebox';
import type { Docket } from '../../app.js';
import { DocketError, invalid } from '../../core/errors.js';
import type { App } from '../../http/types.js';
import { TlogFormatError } from './format-error.js';
import { ConsistencyAnswer, ConsistencyQuery, InclusionAnswer, InclusionQuery } from './tree-contract.js';
import { tlogProblem } from './tree-reads.js';
import { tlogIndexOf } from './tlog.js';

const text = (description: string) => ({ description, content: { 'text/plain': { schema: Type.String() } } });
const octets = {
  description: 'the tile: 32-byte hashes, or an entry bundle of uint16-length-prefixed leaves',
  content: { 'application/octet-stream': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
};

/** A full tile never changes; a partial one is superseded as the log grows, so clients recheck it soon. */
const FULL_TILE_CACHE = 'public, max-age=31536000, immutable';
const PARTIAL_TILE_CACHE = 'public, max-age=10';

async function asProblem<T>(field: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TlogFormatError) throw tlogProblem(error, field);
    throw error;
  }
}

/**
 * The public log as a C2SP tlog-tiles log (https://c2sp.org/tlog-tiles) under /public/log/: the signed checkpoint,
 * the note verifier key, hash tiles and entry bundles, and RFC 9162 inclusion and consistency proofs as JSON.
 */
export function treeRoutes(app: App, docket: Docket): void {
  const tree = docket.transparency.tree;

  app.get(
    '/public/log/checkpoint',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: "The public log's latest C2SP checkpoint: origin, tree size and root hash, as a signed note",
        response: { 200: text('a C2SP tlog-checkpoint signed with the key at /public/log/key') },
      },
    },
    async (_request, reply) => {
      const note = await tree.checkpoint();
      if (note === null) throw new DocketError('not_found', 'the public log has no checkpoint yet');
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(note);
    },
  );

  app.get(
    '/public/log/key',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: "The public log's note verifier key, `<origin>+<key ID>+<base64 Ed25519 key>`",
        response: { 200: text('the verifier key and a newline') },
      },
    },
    async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(`${await tree.verifierKey()}\n`),
  );

  app.get(
    '/public/log/tile/*',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'A C2SP tlog-tiles tile: `tile/<L>/<N>[.p/<W>]` (hashes) or `tile/entries/<N>[.p/<W>]` (entries)',
        params: Type.Object({ '*': Type.String({ maxLength: 200 }) }),
        response: { 200: octets },
      },
    },
    async (request, reply) => {
      const path = `tile/${request.params['*']}`;
      const tile = await asProblem('/path', () => tree.tile(path));
      if (!tile)
        throw new DocketError('not_found', `the public log has no ${path} yet`, [
          { field: '/path', message: 'not in the log yet' },
        ]);
      return reply
        .type('application/octet-stream')
        .header('cache-control', tile.full ? FULL_TILE_CACHE : PARTIAL_TILE_CACHE)
        .send(tile.bytes);
    },
  );

  app.get(
    '/public/log/proof/inclusion',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'An RFC 9162 inclusion proof of one entry (by `index`, or by `seq` = index + 1) in the tree of `size` entries',
        querystring: InclusionQuery,
        response: { 200: InclusionAnswer },
      },
    },
    async (request) => {
      const { index, seq, size } = request.query;
      if ((index === undefined) === (seq === undefined))
        throw invalid('/index', 'give the entry as index or as seq (one of the two)');
      const leaf = index ?? tlogIndexOf(seq as number);
      return asProblem('/size', () => tree.inclusion(leaf, size));
    },
  );

  app.get(
    '/public/log/proof/consistency',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'An RFC 9162 consistency proof: the tree of `from` entries is a prefix of the tree of `to` entries',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyAnswer },
      },
    },
    async (request) => asProblem('/to', () => tree.consistency(request.query.from, request.query.to)),
  );
}
