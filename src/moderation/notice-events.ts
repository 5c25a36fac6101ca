import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * The events of notices of content (EU DSA Art. 16), on the notice's stream. The notifier's name and e-mail and the
 * status link's token stay off the log (personal data and a secret); the log says only whether contact was given.
 */
export const noticeEventTypes = {
  'content_notice.received': Type.Object({
    noticeId: Type.String(),
    ref: Type.String(),
    location: Type.String(),
    explanation: Type.String(),
    policyId: Type.String(),
    legalReference: Nullable(Type.String()),
    childSexualAbuse: Type.Boolean(),
    goodFaith: Type.Boolean(),
    contactGiven: Type.Boolean(),
    language: Nullable(Type.String()),
    trustedFlaggerId: Nullable(Type.String()),
    subjectId: Type.String(),
    caseId: Type.String(),
    reportId: Type.String(),
    platform: Type.String(),
    confirmationRequested: Type.Boolean(),
    statusLinkId: Type.String(),
  }),
  /** The case was decided: the status page shows the outcome, and an e-mail is queued when one can be sent. */
  'content_notice.notifier_notified': Type.Object({
    noticeId: Type.String(),
    decisionId: Type.String(),
    outcome: Type.String(),
    channels: Type.Array(Type.Enum(['status_page', 'email'])),
  }),
};
