import { Type } from 'typebox';
import { PUBLIC_FIGURE_KINDS } from '../moderation/outcomes.js';

export const figureEvents = {
  'figure.verified': Type.Object({ platform: Type.String(), accountRef: Type.String(), kind: Type.Enum(PUBLIC_FIGURE_KINDS), name: Type.String(), country: Type.Union([Type.String(), Type.Null()]), note: Type.String() }),
  'figure.removed': Type.Object({ platform: Type.String(), accountRef: Type.String(), note: Type.String() }),
};
