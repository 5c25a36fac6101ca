/** The crisis area's answers, as the API documents them at /api/docs. */
export interface Designation {
  id: string;
  iso3: string;
  countryName: string;
  kind: 'acute' | 'chronic';
  status: 'proposed' | 'active' | 'rejected' | 'ended';
  source: 'detector' | 'staff';
  reasons: string;
  proposedByName: string | null;
  proposedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  startsAt: string | null;
  reviewAt: string | null;
  endedAt: string | null;
}

export interface Figure {
  platform: string;
  accountRef: string;
  kind: string;
  name: string;
  country: string | null;
  note: string;
  verifiedAt: string;
}

export interface Restriction {
  id: string;
  platform: string;
  accountRef: string;
  figure: { name: string | null; kind: string | null; country: string | null };
  tier: number;
  context: 'acute' | 'chronic';
  status: 'active' | 'review_due' | 'lifted' | 'lapsed';
  reason: string;
  startsAt: string;
  endsAt: string;
  reviewDueSince: string | null;
  closedAt: string | null;
  extendsUntil: string | null;
  lapsesAt: string | null;
}

export interface RestrictionPreview {
  figure: { platform: string; accountRef: string; name: string; kind: string; country: string | null };
  context: 'acute' | 'chronic';
  applies: string;
  severityTier: number;
  earlierRestrictions: number;
  tier: number;
  months: number;
  startsAt: string;
  endsAt: string;
  reviewAt: string;
}

/** Names a country for the crisis screens: by the names the server knows, else by the standard. */
export type NameOf = (iso3: string | null | undefined) => string;

export const roleLabel = (kind: string | null): string => (kind ? kind.replace(/_/g, ' ') : '—');
