import { Type } from 'typebox';

export const webhookEvents = {
  'webhook.endpoint_set': Type.Object({ platform: Type.String(), url: Type.String() }),
};
