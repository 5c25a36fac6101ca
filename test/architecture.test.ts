import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * A module's folder as the import rules see it: a capability (transparency's parts each count), or the shared
 * foundation under them all (core, store and http, which lean on each other and on no capability).
 */
export function folderOf(path: string): string | null {
  const match = /^src\/(transparency\/[^/]+|[^/]+)\//.exec(path);
  const folder = match?.[1] ?? null;
  return folder === 'core' || folder === 'store' || folder === 'http' ? 'shared' : folder;
}

/** The composition roots wire everything together; their imports are not a folder's. */
const ROOT = /^src\/(app\.ts|events\.ts|cli\/|demo\/|http\/server\.ts|store\/schema\.ts)/;

/** The first cycle in a graph of folders, as the path that closes it, or null. */
export function firstCycle(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...edges.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('the import graph between folders', () => {
  it('finds a cycle when there is one, and none in a chain', () => {
    const graph = (pairs: [string, string][]) => {
      const edges = new Map<string, Set<string>>();
      for (const [from, to] of pairs) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
      return edges;
    };
    expect(
      firstCycle(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'a'],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      firstCycle(
        graph([
          ['a', 'b'],
          ['b', 'c'],
        ]),
      ),
    ).toBeNull();
    expect(folderOf('src/transparency/site/routes.ts')).toBe('transparency/site');
    expect(folderOf('src/app.ts')).toBeNull();
    expect(folderOf('src/store/database.ts')).toBe('shared');
  });

  it('has no cycle between src/ folders (imports of types count too)', { timeout: 120_000 }, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        'node_modules/dependency-cruiser/bin/dependency-cruise.mjs',
        'src',
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const result = JSON.parse(stdout) as { modules: { source: string; dependencies: { resolved: string }[] }[] };
    const edges = new Map<string, Set<string>>();
    for (const module of result.modules) {
      const from = folderOf(module.source);
      if (!from || ROOT.test(module.source)) continue;
      for (const dependency of module.dependencies) {
        const to = folderOf(dependency.resolved);
        if (to && to !== from) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
      }
    }
    expect(edges.size).toBeGreaterThan(5);
    expect(firstCycle(edges), 'a cycle between folders').toBeNull();
  });
});
