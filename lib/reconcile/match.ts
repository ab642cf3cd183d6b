/**
 * Reconciling W&B's members with an identity provider's people (issue 14). Matching is by
 * normalised email only — trimmed, `mailto:` and `Name <…>` removed, NFC, the whole address
 * lower-cased (bulk invite's `normaliseEmail` + `emailKey`) — never by Gmail-style folding of dots
 * or `+tags`: corporate addresses do not fold that way, and a wrong match would hide an orphan.
 * Anything else is a same-person link the admin makes. Pure; the worker runs it.
 *
 * Every member lands in exactly one bucket (`memberBucket`), every person in exactly one
 * (`idpBucket`):
 * - service accounts and members W&B shows deactivated are not checked (no person behind them,
 *   or no access left);
 * - `matched`: an active account in the export has their address, or is linked to them;
 * - `suspended-with-seat`: their only accounts in the export are suspended, deprovisioned or
 *   disabled, and they hold a seat (`holdsSeat`);
 * - `orphan`: every other member — no account in the export, a suspended one but no seat, or no
 *   email in W&B's answer and no link.
 */
import { emailKey, isDomainAllowed, normaliseDomains, normaliseEmail } from '../invite/email';
import type {
  IdpBucket,
  IdpPerson,
  LinkUse,
  MemberBucket,
  NotMemberRow,
  OrphanReason,
  OrphanRow,
  ReconcileInvite,
  ReconcileMember,
  ReconcileOptions,
  ReconcileResult,
  SamePersonLink,
  SuspendedRow,
} from './types';

/** A W&B address as a comparison key (the raw address lower-cased when it does not parse); `''` for none. */
export function memberEmailKey(email: string): string {
  if (email.trim() === '') return '';
  const checked = normaliseEmail(email);
  return emailKey(checked.ok ? checked.email : email.trim());
}

/**
 * Holds a seat: W&B shows a Models seat or Weave access other than No access. When W&B shows
 * neither (the per-team read), an active member counts as holding one: the review should see them.
 */
export function holdsSeat(member: Pick<ReconcileMember, 'modelsSeat' | 'weaveAccess'>): boolean {
  const known = [member.modelsSeat, member.weaveAccess].filter((seat) => seat !== '');
  return known.length === 0 || known.some((seat) => seat !== 'no-access');
}

/** "Models full · Weave viewer", or what is not known. */
export function seatText(member: Pick<ReconcileMember, 'modelsSeat' | 'weaveAccess'>): string {
  if (member.modelsSeat === '' && member.weaveAccess === '') return 'not shown';
  return `Models ${member.modelsSeat || 'not shown'} · Weave ${member.weaveAccess || 'not shown'}`;
}

const ORPHAN_DETAIL: Record<OrphanReason, string> = {
  'not-in-export': 'No account with this address in the export',
  'suspended-no-seat': 'Suspended in the export; holds no seat',
  'no-email': 'W&B shows no email for them; link them by hand',
};

/** The export's accounts of one member (by address first, then by link), and whether the address alone finds an active one. */
function accountsOf(
  member: ReconcileMember,
  people: ReadonlyMap<string, IdpPerson>,
  link: SamePersonLink | undefined,
): { accounts: IdpPerson[]; activeByAddress: boolean } {
  const own = people.get(memberEmailKey(member.email));
  const linked = link ? people.get(link.idpEmail) : undefined;
  const accounts = [own, linked === own ? undefined : linked].filter((p): p is IdpPerson => p !== undefined);
  return { accounts, activeByAddress: own?.active === true };
}

/** Where a member lands, given their accounts in the export. */
export function memberBucket(member: ReconcileMember, accounts: readonly IdpPerson[]): MemberBucket {
  if (member.accountType === 'service') return 'service';
  if (member.status === 'deactivated') return 'deactivated';
  if (accounts.some((person) => person.active)) return 'matched';
  if (accounts.length > 0 && holdsSeat(member)) return 'suspended-with-seat';
  return 'orphan';
}

/** Where a person lands: matched to a member (any status), else by status and domain. */
export function idpBucket(person: IdpPerson, matched: boolean, domains: readonly string[]): IdpBucket {
  if (matched) return 'member';
  if (!person.active) return 'inactive-not-member';
  return domains.length === 0 || isDomainAllowed(person.email, domains) ? 'not-member' : 'outside-domain';
}

function pendingTeams(invites: readonly ReconcileInvite[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const invite of invites) {
    const key = memberEmailKey(invite.email);
    if (key === '') continue;
    const teams = byKey.get(key) ?? [];
    if (invite.team && !teams.includes(invite.team)) teams.push(invite.team);
    byKey.set(key, teams);
  }
  return byKey;
}

/** The three lists, the counts and how each stored link was used. */
export function reconcile(
  members: readonly ReconcileMember[],
  people: readonly IdpPerson[],
  invites: readonly ReconcileInvite[],
  options: ReconcileOptions,
): ReconcileResult {
  const byKey = new Map(people.map((person) => [person.key, person]));
  const links = new Map(options.links.map((link) => [link.username, link]));
  const domains = normaliseDomains(options.allowedDomains);
  const matchedKeys = new Set<string>();
  const usernames = new Set<string>();
  const orphans: OrphanRow[] = [];
  const suspendedWithSeat: SuspendedRow[] = [];
  const counts = {
    members: members.length,
    service: 0,
    deactivated: 0,
    matched: 0,
    matchedByLink: 0,
    orphans: 0,
    suspendedWithSeat: 0,
  };
  for (const member of members) {
    usernames.add(member.username);
    const { accounts, activeByAddress } = accountsOf(member, byKey, links.get(member.username));
    for (const person of accounts) matchedKeys.add(person.key);
    const bucket = memberBucket(member, accounts);
    const shown = {
      username: member.username,
      name: member.name,
      email: member.email,
      orgRole: member.orgRole,
      seat: seatText(member),
      teams: member.teams,
      lastActiveAt: member.lastActiveAt,
    };
    if (bucket === 'service') counts.service++;
    else if (bucket === 'deactivated') counts.deactivated++;
    else if (bucket === 'matched') {
      counts.matched++;
      if (!activeByAddress) counts.matchedByLink++;
    } else if (bucket === 'suspended-with-seat') {
      const account = accounts[0] as IdpPerson;
      suspendedWithSeat.push({
        ...shown,
        idpEmail: account.email,
        idpStatus: account.status,
        idpLine: account.line,
      });
    } else {
      const reason: OrphanReason =
        accounts.length > 0
          ? 'suspended-no-seat'
          : memberEmailKey(member.email) === '' && !links.has(member.username)
            ? 'no-email'
            : 'not-in-export';
      orphans.push({ ...shown, reason, detail: ORPHAN_DETAIL[reason] });
    }
  }
  counts.orphans = orphans.length;
  counts.suspendedWithSeat = suspendedWithSeat.length;

  const pending = pendingTeams(invites);
  const notMembers: NotMemberRow[] = [];
  const unmatched: IdpPerson[] = [];
  let outsideDomain = 0;
  let inactiveNotMembers = 0;
  for (const person of people) {
    const bucket = idpBucket(person, matchedKeys.has(person.key), domains);
    if (bucket !== 'member') unmatched.push(person);
    if (bucket === 'outside-domain') outsideDomain++;
    else if (bucket === 'inactive-not-member') inactiveNotMembers++;
    else if (bucket === 'not-member')
      notMembers.push({
        email: person.email,
        name: person.name,
        idpStatus: person.status,
        idpLine: person.line,
        pendingInvite: (pending.get(person.key) ?? []).join('; '),
      });
  }
  const linkUses: LinkUse[] = options.links.map((link) => ({
    link,
    state: !usernames.has(link.username)
      ? 'not-a-member'
      : byKey.has(link.idpEmail)
        ? 'applied'
        : 'not-in-export',
  }));
  return {
    orphans,
    suspendedWithSeat,
    notMembers,
    counts: {
      ...counts,
      people: people.length,
      notMembers: notMembers.length,
      outsideDomain,
      inactiveNotMembers,
    },
    links: linkUses,
    unmatched: unmatched.sort((a, b) => a.key.localeCompare(b.key)),
    allowedDomains: domains,
  };
}
