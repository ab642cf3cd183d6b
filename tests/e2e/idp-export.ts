/**
 * An identity provider's user export made from a seed, with planted differences: the org's
 * active people are in it as active accounts (some addresses in other cases), except the planted
 * orphans (left out), the planted suspended people (in it as SUSPENDED) and the planted mismatches
 * (in it under another address); deactivated members are in it as DEPROVISIONED; and it has new
 * hires of the org's domain and a contractor of another domain who are not members. Which members
 * are planted is drawn from the seed with a seeded PRNG, so every expectation comes from the seed.
 */
import { mulberry32 } from '../simulator/generate';
import type { Seed, SeedMember } from '../simulator/seed';

export interface PlantedExport {
  /** Okta's CSV (profile attributes login, email, firstName, lastName, and its Status). */
  csv: string;
  /** Usernames left out of the export: the orphans. */
  orphans: string[];
  /** Usernames whose accounts are suspended in the export (each holds a seat in the seed). */
  suspended: string[];
  /** Members in the export under another address: orphans until linked. */
  mismatched: { username: string; idpEmail: string }[];
  /** Active accounts of the org's domain that are not members. */
  newHires: string[];
  /** An active account outside the org's domain. */
  outsider: string;
  /** The org's email domain. */
  domain: string;
}

function pickDistinct<T>(list: readonly T[], count: number, rand: () => number): T[] {
  const pool = [...list];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0)
    picked.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return picked;
}

const holdsSeat = (m: SeedMember) => m.modelsSeat !== 'no-access' || m.weaveAccess !== 'no-access';

export function plantIdpExport(
  seed: Seed,
  plant: { orphans: number; suspended: number; mismatched: number; newHires: number },
  prngSeed = 14,
): PlantedExport {
  const rand = mulberry32(prngSeed);
  const domain = seed.members[0]!.email.split('@')[1]!;
  // The signed-in admin stays matched: an orphaned admin would be a different test.
  const people = seed.members.filter(
    (m) => m.accountType === 'user' && m.status === 'active' && m.username !== seed.admin,
  );
  const taken = new Set<SeedMember>();
  const draw = (count: number, eligible: (m: SeedMember) => boolean) => {
    const picked = pickDistinct(
      people.filter((m) => !taken.has(m) && eligible(m)),
      count,
      rand,
    );
    for (const m of picked) taken.add(m);
    return picked;
  };
  const orphans = draw(plant.orphans, () => true);
  const suspended = draw(plant.suspended, holdsSeat);
  const mismatched = draw(plant.mismatched, () => true);
  const planted = new Set([...orphans, ...suspended, ...mismatched]);
  const rows: string[] = ['login,email,firstName,lastName,status'];
  const row = (login: string, email: string, name: string, status: string) => {
    const [first = '', ...rest] = name.split(' ');
    rows.push(
      [login, email, first, rest.join(' '), status]
        .map((cell) => `"${cell.replaceAll('"', '""')}"`)
        .join(','),
    );
  };
  const mismatchedRows = mismatched.map((m, index) => ({
    username: m.username,
    idpEmail: `p.${index}.${m.username}@${domain}`,
  }));
  for (const m of seed.members) {
    if (m.accountType !== 'user' || orphans.includes(m)) continue;
    if (m.status === 'deactivated') row(m.username, m.email, m.name, 'DEPROVISIONED');
    else if (suspended.includes(m)) row(m.username, m.email, m.name, 'SUSPENDED');
    else if (planted.has(m))
      row(m.username, mismatchedRows.find((r) => r.username === m.username)!.idpEmail, m.name, 'ACTIVE');
    // Every third address in capitals, with spaces around it: matched all the same.
    else
      row(
        m.username,
        rand() < 0.33 ? ` ${m.email.toUpperCase()} ` : m.email,
        m.name,
        rand() < 0.1 ? 'LOCKED_OUT' : 'ACTIVE',
      );
  }
  const newHires = Array.from({ length: plant.newHires }, (_, index) => `new.hire.${index}@${domain}`);
  for (const [index, email] of newHires.entries()) row(`new${index}`, email, `New Hire${index}`, 'STAGED');
  const outsider = 'contractor@partner.example';
  row('contractor', outsider, 'Con Tractor', 'ACTIVE');
  row('left.long.ago', `left.long.ago@${domain}`, 'Left Long', 'DEPROVISIONED');
  return {
    csv: rows.join('\n'),
    orphans: orphans.map((m) => m.username).sort(),
    suspended: suspended.map((m) => m.username).sort(),
    mismatched: mismatchedRows,
    newHires,
    outsider,
    domain,
  };
}
