import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The newest modification time of the files under `dir` whose names end with `suffix` (0 when there are none). */
function newest(dir: string, suffix: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) {
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return latest;
}

const BUILT_CLI = 'dist/src/cli/main.js';
let argv: string[] | undefined;

/**
 * The arguments after `node` that start the real `docket` command. The built one (what `npm start` runs; `npm test`
 * builds it first) when it is at least as new as every source file: it starts about two seconds sooner than the
 * sources through tsx, which every CLI and server-process test pays on each start. A build older than a source file
 * (a test file run on its own after an edit) is never used: the sources run through tsx instead.
 */
export function docketArgs(...args: string[]): string[] {
  argv ??= (() => {
    try {
      const built = newest('dist/src', '.js');
      if (built > 0 && built >= newest('src', '.ts')) return [BUILT_CLI];
    } catch {
      // No dist/ yet.
    }
    return ['--import', 'tsx', 'src/cli/main.ts'];
  })();
  return [...argv, ...args];
}

/** Runs the real `docket` command (docketArgs) with these variables added to the environment. */
export async function runDocket(env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, docketArgs(...args), {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
