import { Type } from 'typebox';

const Template = { key: Type.String(), language: Type.String() };

/** The events of the message templates, on the stream `message-template/<key>/<language>`. */
export const messageEventTypes = {
  /** Policy staff saved a template in place of the shipped default (or of their earlier one). */
  'message_template.saved': Type.Object({ ...Template, text: Type.String() }),
  /** The template went back to the shipped default. */
  'message_template.reverted': Type.Object(Template),
};
