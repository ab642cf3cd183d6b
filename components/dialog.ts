import { type KeyboardEvent, type RefObject, useCallback, useEffect } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const numberFormat = new Intl.NumberFormat('en-US');

/** `1 member`, `1,234 members`. */
export function plural(count: number, one: string, many: string): string {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

/**
 * Focus moves into the dialog when it opens and back to what had it when it closes; Tab and
 * Shift+Tab cycle inside. Works in a shadow root: the opener is read from the dialog's own root.
 */
export function useFocusTrap(dialogRef: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const root = dialog.getRootNode() as Document | ShadowRoot;
    const opener = root.activeElement instanceof HTMLElement ? root.activeElement : null;
    dialog.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [dialogRef]);

  return useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const dialog = dialogRef.current;
      if (event.key !== 'Tab' || !dialog) return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        event.preventDefault();
        return;
      }
      const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
      if (event.shiftKey && (active === first || active === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    },
    [dialogRef],
  );
}
