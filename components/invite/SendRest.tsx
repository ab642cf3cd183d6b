import { useState } from 'react';

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * After a cancel: send what the job left unsent. The first click says what will be sent (and that
 * nothing sent is sent again); only "Send N invites" sends.
 */
export function SendRest({ notSent, onSendRest }: { notSent: number; onSendRest(): void }) {
  const [asking, setAsking] = useState(false);
  const n = numberFormat.format(notSent);
  const invites = notSent === 1 ? 'invite' : 'invites';
  if (!asking) {
    return (
      <button type="button" className="wbat-button" onClick={() => setAsking(true)}>
        Send the rest ({n} not sent)
      </button>
    );
  }
  return (
    <fieldset className="wbat-confirm">
      <legend>Send the rest?</legend>
      <p>
        {n} {invites} the cancel left unsent go to the people and teams the dry run listed. Invites already
        sent are not sent again; rows the dry run skipped stay skipped.
      </p>
      <button type="button" className="wbat-button" onClick={() => setAsking(false)}>
        Not now
      </button>
      <button
        type="button"
        className="wbat-button wbat-primary"
        onClick={() => {
          setAsking(false);
          onSendRest();
        }}
      >
        Send {n} {invites}
      </button>
    </fieldset>
  );
}
