/**
 * The import graph's rules (`npm run lint` runs them). Capabilities are the folders under src/ that own tables,
 * events and routes; transparency's four parts each count as one. A capability imports only the shared layers
 * (core, store, http) and another capability's public face: its reads.ts and contract.ts. A tables.ts is private to
 * its folder (and src/store/schema.ts, which lists every table for the migrations). The composition roots (app.ts,
 * the HTTP server's route list, the CLI, the demo) wire capabilities together and may import their services.
 */
const CAPABILITY = '^src/((?:transparency/)?[^/]+)/';
const PUBLIC_FACE = '/(reads|[a-z-]+-reads|contract)\\.ts$';
const CAPABILITIES =
  '(access|atproto|audit|board|crisis|disputes|figures|mastodon|moderation|policy|webhooks|transparency/[^/]+)';
const ROOTS = '^src/(app\\.ts|events\\.ts|cli/|demo/|http/server\\.ts)';

module.exports = {
  forbidden: [
    {
      name: 'private-tables',
      comment: "A capability's tables are its own: read another's through its reads.ts.",
      severity: 'error',
      from: { path: '^src/((?:transparency/)?[^/]+)/', pathNot: '^src/store/schema\\.ts$' },
      to: { path: `^src/${CAPABILITIES}/tables\\.ts$`, pathNot: '^src/$1/' },
    },
    {
      name: 'capability-public-face',
      comment:
        "A capability imports another only through its reads (reads.ts, or a topic's <topic>-reads.ts) or its contract.ts.",
      severity: 'error',
      from: { path: CAPABILITY, pathNot: [ROOTS, '^src/(core|store|http)/'] },
      to: {
        path: `^src/${CAPABILITIES}/`,
        pathNot: ['^src/$1/', PUBLIC_FACE],
      },
    },
    {
      name: 'shared-layers-stay-below',
      comment: 'core, store and http serve every capability and import none (the HTTP server lists their routes).',
      severity: 'error',
      from: { path: '^src/(core|store|http)/', pathNot: [ROOTS, '^src/store/schema\\.ts$'] },
      to: {
        path: '^src/(access|atproto|audit|board|crisis|disputes|figures|mastodon|moderation|policy|webhooks|transparency)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycle, through values or types.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
