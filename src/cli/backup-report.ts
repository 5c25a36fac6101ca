import type { BackupManifest } from '../store/backup-file.js';
import type { RestoreReport } from '../store/backup.js';

/** What `docket backup` and `docket restore` print: what the file holds, in the manifest's own terms. */
export function backupSummary(file: string, manifest: BackupManifest): string {
  return `backed up ${storeWords(manifest)} to ${file} (${megabytes(manifest.payload.bytes)})\n${contentsLine(manifest)}\n`;
}

export function restoreSummary(file: string, report: RestoreReport): string {
  const { manifest } = report;
  const lines = [
    `restored ${file} into ${manifest.store === 'embedded' ? 'the embedded store' : 'PostgreSQL'}: the backup of ${manifest.createdAt} by Docket ${manifest.docketVersion}`,
    contentsLine(manifest),
    `  the event log verifies: ${report.verified} entries, every table holds the rows the backup recorded`,
  ];
  if (report.replacedEvents) lines.push(`  replaced a store that held ${report.replacedEvents} events`);
  if (report.pendingMigrations.length > 0) {
    lines.push(
      `  ${report.pendingMigrations.length} newer migration(s) will be applied at the next start or by docket migrate: ${report.pendingMigrations.join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function contentsLine(manifest: BackupManifest): string {
  const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
  const tables = Object.keys(manifest.tables).length;
  return `  event log head ${manifest.head.seq} ${manifest.head.hash}; ${tables} tables, ${rows} rows; ${manifest.migrations.length} migrations; ${manifest.tool}`;
}

const storeWords = (manifest: BackupManifest): string =>
  manifest.store === 'embedded' ? 'the embedded store' : 'PostgreSQL';

const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
