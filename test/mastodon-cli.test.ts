import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { docketArgs, type CliResult } from './cli-run.js';

const dataDir = mkdtempSync(join(tmpdir(), 'docket-cli-mastodon-'));

/** The real `docket` command on a throw-away embedded store, with this standard input. */
function docket(input: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, docketArgs(...args), {
      env: { ...process.env, DOCKET_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('docket connector mastodon', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses secrets anywhere but standard input, before opening the store', async () => {
    const result = await docket('', 'connector', 'mastodon', 'social', '--base-url', 'https://mastodon.example');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give --token-stdin and --secret-stdin');
  });

  it('connects an instance with the token and the secret from standard input, and prints neither', async () => {
    const map = join(dataDir, 'policy-map.json');
    writeFileSync(map, JSON.stringify({ categories: { legal: { policyId: 'hate-speech' } } }));
    const result = await docket(
      'token-from-mastodon\nthe webhook secret of social\n',
      'connector',
      'mastodon',
      'social',
      '--base-url',
      'https://mastodon.example/',
      '--token-stdin',
      '--secret-stdin',
      '--policy-map',
      map,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('connected social at https://mastodon.example\n');
    expect(result.stdout).toContain('/api/connectors/mastodon/social/webhook');
    expect(result.stdout).not.toContain('token-from-mastodon');
    const db = new PGlite(join(dataDir, 'pglite'));
    const { rows } = await db.query<Record<string, unknown>>(
      'select base_url, access_token, webhook_secret, policy_map from mastodon_connectors',
    );
    await db.close();
    expect(rows).toEqual([
      {
        base_url: 'https://mastodon.example',
        access_token: 'token-from-mastodon',
        webhook_secret: 'the webhook secret of social',
        policy_map: { categories: { legal: { policyId: 'hate-speech' } } },
      },
    ]);
  }, 120_000); // the command creates the embedded store and applies every migration
});
