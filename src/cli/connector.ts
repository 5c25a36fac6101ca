import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Config } from '../core/config.js';
import { DocketError } from '../core/errors.js';
import type { PolicyMap } from '../mastodon/contract.js';
import { printJson } from './output.js';
import { withDocket } from './store-access.js';

/**
 * The secrets a command reads from standard input, one a line, in the order of its flags: never from the command
 * line, where the shell's history and the process list would keep them.
 */
export function secretsFromStdin(input: string, wanted: readonly string[]): string[] {
  const lines = input.split(/\r?\n/);
  return wanted.map((name, i) => {
    const line = lines[i]?.trim() ?? '';
    if (line === '')
      throw new DocketError(
        'validation_failed',
        `line ${i + 1} of standard input should hold the ${name}; it is empty`,
      );
    return line;
  });
}

/** `docket connector mastodon PLATFORM`: connects a Mastodon instance, as PUT /api/connectors/mastodon/:platform does. */
export function connectorCommands(program: Command, config: () => Config): void {
  const connector = program.command('connector').description('connect Docket to a platform that speaks a standard');
  connector
    .command('mastodon <platform>')
    .description(
      'connect a Mastodon instance as PLATFORM; the admin token and the webhook secret are read from standard ' +
        'input, one a line, in that order (`printf "%s\\n%s\\n" "$TOKEN" "$SECRET" | docket connector mastodon ...`)',
    )
    .requiredOption('--base-url <url>', 'the instance, e.g. https://mastodon.example')
    .option('--token-stdin', "read the instance's admin access token from standard input (required)")
    .option('--secret-stdin', "read the instance's webhook secret from standard input (required)")
    .option('--policy-map <file>', 'a JSON file mapping categories and rule ids to policies (see the README)')
    .option('--json', 'print the connector as JSON')
    .action(
      async (
        platform: string,
        options: { baseUrl: string; tokenStdin?: boolean; secretStdin?: boolean; policyMap?: string; json?: boolean },
      ) => {
        if (!options.tokenStdin || !options.secretStdin)
          throw new DocketError(
            'validation_failed',
            'give --token-stdin and --secret-stdin, and pipe the token and the secret in, one a line: secrets never go on the command line',
          );
        const [accessToken, webhookSecret] = secretsFromStdin(readFileSync(0, 'utf8'), [
          'access token',
          'webhook secret',
        ]) as [string, string];
        const policyMap = options.policyMap
          ? (JSON.parse(readFileSync(options.policyMap, 'utf8')) as PolicyMap)
          : undefined;
        const set = await withDocket(config(), (docket) =>
          docket.mastodon.setConnector('system:cli', platform, {
            baseUrl: options.baseUrl,
            accessToken,
            webhookSecret,
            ...(policyMap ? { policyMap } : {}),
          }),
        );
        if (options.json) return printJson(set);
        process.stdout.write(
          `connected ${set.platform} at ${set.baseUrl}\n` +
            `point the instance's admin webhook (Administration > Webhooks) at <Docket's address>${set.webhookPath}, ` +
            'with the same secret, for report.created and report.updated\n',
        );
      },
    );
}
