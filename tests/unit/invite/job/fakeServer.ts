import type { ClassifiedRow } from '@/lib/invite/classify';
import type { InviteJob, InviteJobDeps, InviteUnit } from '@/lib/invite/job';
import {
  graphqlError,
  networkError,
  notAdminError,
  notSignedInError,
  rateLimitedError,
  serverError,
  timeoutError,
} from '@/lib/wandb/errors';

/** What the fake W&B does with one `createInvite`. */
export type Outcome =
  | 'ok'
  | 'ok-answer-lost'
  | 'created-then-502'
  | 'created-then-timeout'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'already'
  | 'signed-out'
  | 'forbidden'
  | 'crash-before'
  | 'crash-after';

/** A `new` row with one send per team. */
export function newRow(index: number, email: string, teams: string[], admin = false): ClassifiedRow {
  return {
    row: index + 2,
    index,
    email,
    name: '',
    teams,
    teamRole: admin ? 'admin' : 'member',
    orgRole: 'member',
    status: 'new',
    reason: '',
    sends: teams.map((team) => ({ team, admin })),
    skippedTeams: [],
  };
}

/**
 * A W&B stand-in: invites by `email|team`, a log of successful creates, a fake clock that
 * `sleep` advances, and a script of outcomes (then `ok` when the script runs out).
 */
export function fakeWandb(script: Outcome[] = []) {
  const invites = new Map<string, string>();
  const created: string[] = [];
  const sent: string[] = [];
  /** Every `createInvite` received, in order: its key, what the script made of it, and whether W&B already held an invite for the key. */
  const requests: { key: string; outcome: Outcome | 'refused-repeat'; invitedBefore: boolean }[] = [];
  const sleeps: number[] = [];
  let clock = 1_000_000;
  let next = 0;
  let controller = new AbortController();
  const saves: InviteJob[] = [];
  const keyOf = (unit: InviteUnit) => `${unit.email.toLowerCase()}|${unit.team}`;

  const create = (unit: InviteUnit): string => {
    const id = `inv-${invites.size + 1}`;
    invites.set(keyOf(unit), id);
    created.push(keyOf(unit));
    return id;
  };

  const deps = (): InviteJobDeps => ({
    async save(job) {
      saves.push(job);
    },
    async send(unit) {
      sent.push(keyOf(unit));
      clock += 50;
      if (invites.has(keyOf(unit))) {
        requests.push({ key: keyOf(unit), outcome: 'refused-repeat', invitedBefore: true });
        throw graphqlError('User is already invited to this team');
      }
      const outcome = script[next++] ?? 'ok';
      requests.push({ key: keyOf(unit), outcome, invitedBefore: false });
      switch (outcome) {
        case 'ok':
          return { inviteId: create(unit) };
        case 'ok-answer-lost':
          create(unit);
          throw networkError('https://api.wandb.test/graphql');
        case 'created-then-502':
          create(unit);
          throw serverError(502);
        case 'created-then-timeout':
          create(unit);
          throw timeoutError(30_000);
        case 'rate-limited':
          throw rateLimitedError(2000);
        case 'server':
          throw serverError(502);
        case 'network':
          throw networkError('https://api.wandb.test/graphql');
        case 'already':
          invites.set(keyOf(unit), 'someone-else');
          throw graphqlError('User is already a member of this team');
        case 'signed-out':
          throw notSignedInError(401);
        case 'forbidden':
          throw notAdminError(403);
        case 'crash-before':
          controller.abort();
          throw networkError('https://api.wandb.test/graphql');
        case 'crash-after':
          create(unit);
          controller.abort();
          return { inviteId: 'lost' };
      }
    },
    async findPendingInvite(unit) {
      const id = invites.get(keyOf(unit));
      return id ? { inviteId: id } : null;
    },
    now: () => clock,
    async sleep(ms, signal) {
      if (signal?.aborted) throw new Error('aborted');
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    signal: controller.signal,
  });

  return {
    deps,
    invites,
    created,
    sent,
    requests,
    sleeps,
    saves,
    get clock() {
      return clock;
    },
    /** A fresh signal for the next run after a crash. */
    restart() {
      controller = new AbortController();
    },
    lastSaved(): InviteJob {
      const last = saves[saves.length - 1];
      if (!last) throw new Error('nothing saved');
      return last;
    },
  };
}
