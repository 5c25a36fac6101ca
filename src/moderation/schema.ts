import { Type, type Static } from 'typebox';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Count = Type.Integer({ minimum: 0, description: 'a non-negative count' });

export const SubjectInput = Type.Object(
  {
    externalId: Type.String({ minLength: 1, maxLength: 200, description: "the platform's own id for the content or account" }),
    kind: Type.Enum(['content', 'account']),
    contentType: Type.Optional(Type.Enum(['text', 'image', 'video', 'link'])),
    authorExternalId: Type.Optional(Text(200)),
    title: Type.Optional(Text(500)),
    body: Type.Optional(Type.String({ maxLength: 20_000 })),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2_000 })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: 'BCP 47 language tag' })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3 country code' })),
    views: Type.Optional(Count),
    shares: Type.Optional(Count),
    followers: Type.Optional(Count),
    postedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type SubjectInput = Static<typeof SubjectInput>;

export const Subject = Type.Object({
  id: Type.String(),
  platform: Type.String(),
  externalId: Type.String(),
  kind: Type.Enum(['content', 'account']),
  contentType: Type.Union([Type.Enum(['text', 'image', 'video', 'link']), Type.Null()]),
  authorExternalId: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  body: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([Type.String(), Type.Null()]),
  country: Type.Union([Type.String(), Type.Null()]),
  views: Type.Integer(),
  shares: Type.Integer(),
  followers: Type.Integer(),
  postedAt: Type.Union([Type.String(), Type.Null()]),
  registeredAt: Type.String(),
});
export type Subject = Static<typeof Subject>;
