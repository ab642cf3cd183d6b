/**
 * Email addresses as bulk invite reads them: normalised (or refused with the problem named),
 * compared case-insensitively, and checked against the allowed domains.
 */

export type EmailCheck = { ok: true; email: string } | { ok: false; problem: string };

/**
 * An address normalised: trimmed, `mailto:` and a display-name wrapper (`"Ann" <ann@x.io>`)
 * removed, NFC, domain lower-cased. The local part keeps its case (some servers honour it) but
 * `emailKey` compares it case-insensitively. Fails with the problem named.
 */
export function normaliseEmail(raw: string): EmailCheck {
  let text = raw.trim().replace(/^mailto:/i, '');
  const wrapped = /<([^<>]*)>\s*$/.exec(text);
  if (wrapped) text = (wrapped[1] ?? '').trim();
  text = text.normalize('NFC');
  if (text === '') return { ok: false, problem: 'the email is empty' };
  if (/\s/.test(text)) return { ok: false, problem: `"${text}" contains a space` };
  const at = text.lastIndexOf('@');
  if (at < 0) return { ok: false, problem: `"${text}" has no @` };
  const local = text.slice(0, at);
  const domain = text.slice(at + 1).toLowerCase();
  if (local.includes('@')) return { ok: false, problem: `"${text}" has more than one @` };
  if (local === '') return { ok: false, problem: `"${text}" has nothing before the @` };
  if (local.length > 64)
    return { ok: false, problem: `the part before the @ of "${text}" is over 64 characters` };
  if (/[,;<>()[\]\\"]/.test(local))
    return {
      ok: false,
      problem: `"${text}" has a character not allowed in an address (, ; < > ( ) [ ] \\ ")`,
    };
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return { ok: false, problem: `"${text}" has a misplaced dot before the @` };
  if (domain === '') return { ok: false, problem: `"${text}" has nothing after the @` };
  const labels = domain.split('.');
  if (labels.length < 2)
    return { ok: false, problem: `the domain "${domain}" has no dot (e.g. example.com)` };
  if (labels.some((label) => !/^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(label)))
    return { ok: false, problem: `the domain "${domain}" is not a valid domain name` };
  return { ok: true, email: `${local}@${domain}` };
}

/** The key two addresses are compared by: the whole address lower-cased (after normalising). */
export function emailKey(email: string): string {
  return email.normalize('NFC').toLowerCase();
}

/** Allowed domains as written in the options (`*.acme.io`, `@acme.io`, ` Acme.io `) reduced to `acme.io`. */
export function normaliseDomains(domains: readonly string[] | undefined): string[] {
  return (domains ?? [])
    .map((domain) =>
      domain
        .trim()
        .toLowerCase()
        .replace(/^\*?\.|^@/, ''),
    )
    .filter((domain) => domain !== '');
}

/** True when the address's domain is one of `domains` or a subdomain of one. */
export function isDomainAllowed(email: string, domains: readonly string[]): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}
