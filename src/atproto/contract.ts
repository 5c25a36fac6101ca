/**
 * The atproto connector's contract: the facts of the official lexicons it speaks (com.atproto.moderation.createReport,
 * com.atproto.moderation.defs, tools.ozone.report.defs, com.atproto.admin.defs#repoRef, com.atproto.repo.strongRef),
 * copied from the lexicon JSON of bluesky-social/atproto, and the answers' schemas. Pure: typebox only.
 */
import { Type, type Static } from 'typebox';

export const CREATE_REPORT = 'com.atproto.moderation.createReport';
export const REPO_REF = 'com.atproto.admin.defs#repoRef';
export const STRONG_REF = 'com.atproto.repo.strongRef';

/** tools.ozone.report.defs#reasonType's known values (all are also com.atproto.moderation.defs#reasonType's). */
export const OZONE_REASON_TYPES = [
  'appeal',
  'other',
  'violenceAnimal',
  'violenceThreats',
  'violenceGraphicContent',
  'violenceGlorification',
  'violenceExtremistContent',
  'violenceTrafficking',
  'violenceOther',
  'sexualAbuseContent',
  'sexualNCII',
  'sexualDeepfake',
  'sexualAnimal',
  'sexualUnlabeled',
  'sexualOther',
  'childSafetyCSAM',
  'childSafetyGroom',
  'childSafetyPrivacy',
  'childSafetyHarassment',
  'childSafetyOther',
  'harassmentTroll',
  'harassmentTargeted',
  'harassmentHateSpeech',
  'harassmentDoxxing',
  'harassmentOther',
  'misleadingBot',
  'misleadingImpersonation',
  'misleadingSpam',
  'misleadingScam',
  'misleadingElections',
  'misleadingOther',
  'ruleSiteSecurity',
  'ruleProhibitedSales',
  'ruleBanEvasion',
  'ruleOther',
  'selfHarmContent',
  'selfHarmED',
  'selfHarmStunts',
  'selfHarmSubstances',
  'selfHarmOther',
].map((name) => `tools.ozone.report.defs#reason${name[0]?.toUpperCase()}${name.slice(1)}`);

/** com.atproto.moderation.defs#reasonType's known values: its own seven, then every tools.ozone one. */
export const REASON_TYPES: readonly string[] = [
  ...['Spam', 'Violation', 'Misleading', 'Sexual', 'Rude', 'Other', 'Appeal'].map(
    (name) => `com.atproto.moderation.defs#reason${name}`,
  ),
  ...OZONE_REASON_TYPES,
];

/** The lexicon's limits on `reason`: 20,000 bytes of UTF-8 and 2,000 graphemes. */
export const REASON_MAX_BYTES = 20_000;
export const REASON_MAX_GRAPHEMES = 2_000;

const Did = Type.String({ pattern: '^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$', maxLength: 2_048 });

export const RepoRef = Type.Object(
  { $type: Type.Optional(Type.Literal(REPO_REF)), did: Did },
  { additionalProperties: true },
);
export const StrongRef = Type.Object(
  { $type: Type.Optional(Type.Literal(STRONG_REF)), uri: Type.String({ pattern: '^at://' }), cid: Type.String() },
  { additionalProperties: true },
);

/** The lexicon's output of createReport (a union member carries its `$type`). */
export const CreateReportOutput = Type.Object(
  {
    id: Type.Integer(),
    reasonType: Type.String(),
    reason: Type.Optional(Type.String({ maxLength: REASON_MAX_BYTES })),
    subject: Type.Union([RepoRef, StrongRef]),
    reportedBy: Did,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type CreateReportOutput = Static<typeof CreateReportOutput>;

export type ReportSubjectRef =
  { $type: typeof REPO_REF; did: string } | { $type: typeof STRONG_REF; uri: string; cid: string };

export const XrpcErrorBody = Type.Object(
  { error: Type.String(), message: Type.String() },
  { additionalProperties: false },
);
export type XrpcErrorBody = Static<typeof XrpcErrorBody>;

/** What /.well-known/did.json serves for a did:web moderation service. */
export const ServiceDidDocument = Type.Object(
  {
    '@context': Type.Array(Type.String()),
    id: Did,
    service: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), serviceEndpoint: Type.String() })),
  },
  { additionalProperties: false },
);
export type ServiceDidDocument = Static<typeof ServiceDidDocument>;
