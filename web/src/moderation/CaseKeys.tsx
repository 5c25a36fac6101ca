import { FormMessages, useSubmission } from '../forms';
import { Key, ShortcutHelp, useShortcuts, type Shortcut } from '../shortcuts';
import { useNextCase } from './nextCase';
import type { CaseView } from '../../../src/moderation/contract';

/**
 * The case page's actions by key, and "Next case" once this case is out of the reviewer's hands (decided,
 * escalated, released, or never theirs): it claims the most urgent case and opens it.
 */
export function CaseKeys({
  permissions,
  onClaim,
  onRelease,
  onEscalate,
}: {
  permissions: CaseView['permissions'];
  onClaim: () => void;
  onRelease: () => void;
  onEscalate: () => void;
}) {
  const next = useSubmission();
  const nextCase = useNextCase(next);
  const holding = permissions.decide;
  const shortcuts: Shortcut[] = [];
  if (!holding)
    shortcuts.push({
      key: 'n',
      label: 'Next case: claim the most urgent case and open it',
      run: () => void nextCase(),
    });
  if (permissions.claim && !holding) shortcuts.push({ key: 'c', label: 'Claim this case', run: onClaim });
  if (holding) shortcuts.push({ key: 'r', label: 'Release this case to the queue', run: onRelease });
  if (permissions.escalate)
    shortcuts.push({ key: 'e', label: 'Escalate: write the note (then Ctrl + Enter sends it)', run: onEscalate });
  useShortcuts(shortcuts);
  return (
    <>
      {!holding && (
        <button type="button" onClick={() => void nextCase()} disabled={next.busy} aria-keyshortcuts="n">
          Next case <Key name="n" />
        </button>
      )}
      <ShortcutHelp />
      <FormMessages submission={next} />
    </>
  );
}
