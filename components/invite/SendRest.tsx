import { ConfirmStep } from '@/components/shared/ConfirmStep';

const numberFormat = new Intl.NumberFormat('en-US');

/**
 * After a cancel: send what the job left unsent. The first click says what will be sent (and that
 * nothing sent is sent again); only "Send N invites" sends.
 */
export function SendRest({ notSent, onSendRest }: { notSent: number; onSendRest(): void }) {
  const n = numberFormat.format(notSent);
  const invites = notSent === 1 ? 'invite' : 'invites';
  return (
    <ConfirmStep
      ask={`Send the rest (${n} not sent)`}
      question="Send the rest?"
      keep="Not now"
      confirm={`Send ${n} ${invites}`}
      onConfirm={onSendRest}
    >
      {n} {invites} the cancel left unsent go to the people and teams the dry run listed. Invites already sent
      are not sent again; rows the dry run skipped stay skipped.
    </ConfirmStep>
  );
}
