import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';

/**
 * Keyboard shortcuts for the reviewer's hands. A component lists its shortcuts with `useShortcuts`; one listener
 * on the document runs them, and `<ShortcutHelp />` shows every shortcut in force on a dialog opened with "?".
 *
 * A plain key never fires while the reviewer types in an input, textarea or select (or an editable element): the
 * key is text there. Esc in such a field leaves it, so the keys work again, and Ctrl + Enter (⌘ + Enter) sends the
 * form being typed in. Other chords with Ctrl or ⌘ ("Mod+k") are no text, so they fire from a field as well.
 */
export interface Shortcut {
  /** `event.key` ("n", "1", "?"), or "Mod+" and a key for Ctrl (⌘ on a Mac) with it. */
  key: string;
  /** What the key does, as the help dialog lists it. */
  label: string;
  run: () => void;
}

type Registration = { id: number; shortcuts: Shortcut[] };

let registrations: Registration[] = [];
let nextId = 0;
let helpOpen = false;
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((listener) => listener());

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The shortcuts in force: a later registration's key replaces an earlier one's. */
function inForce(): Shortcut[] {
  const byKey = new Map<string, Shortcut>();
  for (const registration of registrations)
    for (const shortcut of registration.shortcuts) byKey.set(shortcut.key, shortcut);
  return [...byKey.values()];
}
let snapshot: Shortcut[] = [];
const current = () => snapshot;

/** Inputs that take no typed text: a key pressed on them is still a shortcut. */
const KEYLESS_INPUTS = ['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range', 'image'];

const typing = (target: EventTarget | null): target is HTMLElement =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    ['TEXTAREA', 'SELECT'].includes(target.tagName) ||
    (target instanceof HTMLInputElement && !KEYLESS_INPUTS.includes(target.type)));

function onKeyDown(event: KeyboardEvent) {
  if (helpOpen || event.defaultPrevented || event.isComposing || event.altKey) return;
  const chord = event.ctrlKey || event.metaKey;
  if (typing(event.target)) {
    if (!chord && event.key === 'Escape') event.target.blur();
    // Ctrl + Enter sends the form being typed in, whichever it is.
    const form = 'form' in event.target ? (event.target.form as HTMLFormElement | null) : null;
    if (chord && event.key === 'Enter' && form) {
      event.preventDefault();
      form.requestSubmit();
    }
    if (!chord) return;
  }
  const key = chord ? `Mod+${event.key}` : event.key;
  const shortcut = snapshot.find((s) => s.key === key);
  if (!shortcut) return;
  event.preventDefault();
  shortcut.run();
}

function update(next: Registration[]) {
  const had = registrations.length > 0;
  registrations = next;
  snapshot = inForce();
  if (!had && next.length > 0) document.addEventListener('keydown', onKeyDown);
  if (had && next.length === 0) document.removeEventListener('keydown', onKeyDown);
  changed();
}

/**
 * Puts the component's shortcuts in force while it is mounted. The list may be written inline: a shortcut runs
 * the latest `run` given, and the listing changes only when the keys or labels do.
 */
export function useShortcuts(shortcuts: Shortcut[]): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  const id = useRef(-1);
  if (id.current < 0) id.current = nextId++;
  const signature = shortcuts.map((s) => `${s.key}\u0000${s.label}`).join('\u0001');
  useEffect(() => {
    const own = id.current;
    const keys = signature ? signature.split('\u0001').map((entry) => entry.split('\u0000') as [string, string]) : [];
    const shortcuts = keys.map(([key, label]) => ({
      key,
      label,
      run: () => latest.current.find((s) => s.key === key)?.run(),
    }));
    update([...registrations.filter((r) => r.id !== own), { id: own, shortcuts }].sort((a, b) => a.id - b.id));
    return () => update(registrations.filter((r) => r.id !== own));
  }, [signature]);
}

const shown = (key: string) =>
  key.startsWith('Mod+') ? `${/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'} + ${key.slice(4)}` : key;

/** The key of a shortcut as the page shows it next to the control it works. */
export function Key({ name }: { name: string }) {
  return <kbd aria-hidden="true">{shown(name)}</kbd>;
}

/**
 * "Keyboard shortcuts": a button and the dialog it opens (also with "?"), listing every shortcut in force. The
 * dialog is modal: focus moves into it, Esc or Close shuts it, and focus goes back where it was.
 */
export function ShortcutHelp() {
  const shortcuts = useSyncExternalStore(subscribe, current);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();
  useShortcuts([{ key: '?', label: 'Show these shortcuts', run: () => setOpen(true) }]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    helpOpen = open;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
    if (!open) returnTo.current?.focus();
  }, [open]);
  useEffect(() => () => void (helpOpen = false), []);

  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)} aria-keyshortcuts="?">
        Keyboard shortcuts
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => setOpen(false)} onCancel={() => setOpen(false)}>
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <p>Keys do nothing while you type in a field; Esc leaves the field.</p>
        <table aria-label="Keyboard shortcuts">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Does</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <kbd>{shown('Mod+Enter')}</kbd>
              </td>
              <td>Send the form you are typing in</td>
            </tr>
            <tr>
              <td>
                <kbd>Esc</kbd>
              </td>
              <td>Leave the field you are typing in</td>
            </tr>
            {shortcuts.map((s) => (
              <tr key={s.key}>
                <td>
                  <kbd>{shown(s.key)}</kbd>
                </td>
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="dialog">
          <button type="submit" autoFocus>
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
