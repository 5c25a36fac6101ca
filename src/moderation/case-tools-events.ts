import { Type } from 'typebox';

/**
 * Events of the reviewers' case tools. A note's text is on the log (the log is the record) but on a stream of its
 * own, `case-notes/<caseId>`: the public log publishes only the events it lists (transparency/publications.ts) and
 * no webhook is sent for it, so the text stays inside the console.
 */
export const caseToolEvents = {
  'case.note_added': Type.Object({
    noteId: Type.String(),
    caseId: Type.String(),
    text: Type.String(),
    authorId: Type.String(),
  }),
  'notice_template.created': Type.Object({
    templateId: Type.String(),
    policyId: Type.String(),
    sectionId: Type.String(),
    title: Type.String(),
    text: Type.String(),
  }),
  'notice_template.updated': Type.Object({ templateId: Type.String(), title: Type.String(), text: Type.String() }),
  'notice_template.retired': Type.Object({ templateId: Type.String() }),
};
