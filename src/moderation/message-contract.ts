import { Type, type Static, type TSchema } from 'typebox';

/** The contract of the message templates: GET /api/message-templates, PUT and DELETE one message in one language. */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const MessageTemplate = Type.Object({
  language: Type.String({ description: 'en, fr, de or es' }),
  text: Type.String({ description: 'the template in force, ICU MessageFormat' }),
  defaultText: Type.String({ description: 'the shipped default, which DELETE reverts to' }),
  overridden: Type.Boolean({ description: 'policy staff saved a template in place of the default' }),
  preview: Type.String({ description: 'the template in force formatted with sample values' }),
  updatedBy: Nullable(Type.String({ description: 'who saved it, by display name; null for the default' })),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type MessageTemplate = Static<typeof MessageTemplate>;

export const MessageTemplateArgument = Type.Object({
  name: Type.String(),
  kind: Type.Enum(['text', 'date', 'select']),
  values: Type.Array(Type.String(), { description: "a select's values (the template needs an other case too)" }),
});

export const MessageDefinition = Type.Object({
  key: Type.String(),
  description: Type.String(),
  arguments: Type.Array(MessageTemplateArgument),
  templates: Type.Array(MessageTemplate, { description: 'one per shipped language' }),
});
export type MessageDefinition = Static<typeof MessageDefinition>;

export const MessageTemplateList = Type.Object({
  languages: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  messages: Type.Array(MessageDefinition),
});
export type MessageTemplateList = Static<typeof MessageTemplateList>;

export const MessageTemplateParams = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 100 }),
  language: Type.String({ minLength: 1, maxLength: 20 }),
});
export type MessageTemplateParams = Static<typeof MessageTemplateParams>;

export const MessageTemplateBody = Type.Object(
  { text: Type.String({ maxLength: 20_000, description: 'ICU MessageFormat using only the message’s arguments' }) },
  { additionalProperties: false },
);
export type MessageTemplateBody = Static<typeof MessageTemplateBody>;
