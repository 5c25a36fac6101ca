/** How the console names a dispute's parties, outcomes and fee bearers. */
export const COMPLAINANT = { affected_user: 'The affected user', notifier: 'The notifier' } as const;

export const OUTCOME = {
  complainant_favour: "In the complainant's favour",
  platform_favour: "In the platform's favour",
  settled: 'Settled',
  withdrawn: 'Withdrawn',
  declined_by_body: 'Declined by the body',
} as const;

export const FEE_BEARER = { platform: 'The platform', complainant: 'The complainant', shared: 'Shared' } as const;

export const OUTCOME_LABEL = {
  no_violation: 'no violation (restored)',
  remove: 'removal',
  warning_screen: 'warning screen',
  keep_newsworthy: 'kept as newsworthy',
  restrict_visibility: 'visibility restricted',
} as const;
