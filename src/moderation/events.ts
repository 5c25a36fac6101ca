import { Type } from 'typebox';

export const moderationEvents = {
  'subject.registered': Type.Object({
    subjectId: Type.String(),
    platform: Type.String(),
    externalId: Type.String(),
    kind: Type.Union([Type.Literal('content'), Type.Literal('account')]),
    contentType: Type.Union([Type.String(), Type.Null()]),
    authorExternalId: Type.Union([Type.String(), Type.Null()]),
    country: Type.Union([Type.String(), Type.Null()]),
    language: Type.Union([Type.String(), Type.Null()]),
  }),
};
