import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * Ask, then confirm: one button that opens a question (a fieldset with its legend, what will
 * happen, and two buttons), so a destructive or costly action always takes a second, informed
 * click. Focus follows the question — to the safe answer when it opens, back to the first button
 * when it closes (declined, or done while this stays on screen) — so the keyboard never lands on
 * the page body. `onConfirm` may return a
 * promise: the confirm button stays disabled until it settles, and the question stays open on
 * failure (the caller shows the error).
 */
export function ConfirmStep({
  ask,
  question,
  children,
  confirm,
  keep,
  disabled = false,
  onConfirm,
}: {
  /** The first button's label, e.g. "Cancel" or "Delete case of dave". */
  ask: ReactNode;
  /** The fieldset's legend, e.g. "Cancel this job?". */
  question: ReactNode;
  /** What will happen, said before the second click. */
  children: ReactNode;
  /** The confirming button's label, naming the action (never just "OK"). */
  confirm: ReactNode;
  /** The declining button's label, e.g. "Keep running". */
  keep: ReactNode;
  disabled?: boolean;
  /** A returned promise keeps the confirm button disabled until it settles. */
  onConfirm(): unknown;
}) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) keepButton.current?.focus();
    else if (asked.current) askButton.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button
        ref={askButton}
        type="button"
        className="wbat-button"
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {ask}
      </button>
    );
  return (
    <fieldset className="wbat-confirm">
      <legend>{question}</legend>
      <p>{children}</p>
      <button ref={keepButton} type="button" className="wbat-button" onClick={() => setAsking(false)}>
        {keep}
      </button>{' '}
      <button
        type="button"
        className="wbat-button wbat-primary"
        disabled={disabled || pending}
        onClick={() => {
          const result = onConfirm();
          if (!(result instanceof Promise)) {
            setAsking(false);
            return;
          }
          setPending(true);
          result.then(
            () => {
              setPending(false);
              setAsking(false);
            },
            () => setPending(false),
          );
        }}
      >
        {confirm}
      </button>
    </fieldset>
  );
}
