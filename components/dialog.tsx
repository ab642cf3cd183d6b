import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useRef,
} from 'react';

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
    dialog.focus({ preventScroll: true });
    return () => {
      if (opener?.isConnected) opener.focus({ preventScroll: true });
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

/** Moves focus to the top of a new screen (see `ModalDialog`'s `screen`); not on first open. */
function useScreenFocus(dialogRef: RefObject<HTMLDivElement | null>, screen: string | undefined) {
  const shown = useRef(screen);
  useEffect(() => {
    if (shown.current === screen) return;
    shown.current = screen;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const target =
      dialog.querySelector<HTMLElement>('[data-screen-focus]') ?? dialog.querySelector<HTMLElement>('h3');
    if (!target) {
      dialog.focus({ preventScroll: true });
      return;
    }
    if (!target.matches(FOCUSABLE)) target.tabIndex = -1;
    target.focus();
  }, [dialogRef, screen]);
}

/**
 * The toolkit's modal dialog frame: a backdrop, `role="dialog"` named by its title, focus kept
 * inside, Escape (by default) and the Close button calling `onClose`.
 */
export function ModalDialog({
  title,
  subtitle,
  className,
  onClose,
  onEscape,
  screen,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  className?: string;
  onClose(): void;
  /** What Escape does; `onClose` when absent. */
  onEscape?(): void;
  /**
   * Which screen the dialog shows. When it changes, the control that had focus is usually gone:
   * focus moves to the new screen's `[data-screen-focus]` element, else its first `h3`, else the
   * dialog — never to the page's body, where Escape would no longer reach the dialog.
   */
  screen?: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const trapTab = useFocusTrap(dialogRef);
  useScreenFocus(dialogRef, screen);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      (onEscape ?? onClose)();
      return;
    }
    trapTab(event);
  };
  return (
    <div className="wbat-backdrop">
      <div
        ref={dialogRef}
        className={className ? `wbat-dialog ${className}` : 'wbat-dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="wbat-dialog-header">
          <div>
            <h2 id={titleId} className="wbat-dialog-title">
              {title}
            </h2>
            {subtitle ? <p className="wbat-hint">{subtitle}</p> : null}
          </div>
          <button type="button" className="wbat-button" onClick={onClose}>
            Close
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
