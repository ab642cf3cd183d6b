import { describe, expect, it } from 'vitest';
import { looksLikeHeader, MAX_INVITE_ROWS, parseInviteInput } from '@/lib/invite/parse';

describe('parse guards', () => {
  it('guard "10,000 rows at most" holds for pasted address lists, not only tables', () => {
    const list = (count: number) => Array.from({ length: count }, (_, i) => `u${i}@x.io`).join('\n');
    const atCap = parseInviteInput({ text: list(MAX_INVITE_ROWS) });
    expect(atCap.ok && atCap.kind === 'address-list' && atCap.records.length).toBe(MAX_INVITE_ROWS);
    const over = parseInviteInput({ text: list(MAX_INVITE_ROWS + 1) });
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error.message).toContain('more than 10,000 rows');
  });

  it('guard "a header has no @": a first row holding an address is read as data, not dropped', () => {
    expect(looksLikeHeader(['email', 'team'])).toBe(true);
    expect(looksLikeHeader(['ann@x.io', 'team'])).toBe(false);
    const parsed = parseInviteInput({ text: 'ann@x.io,team\nbob@x.io,vision\n' });
    expect(parsed.ok && parsed.hasHeader).toBe(false);
    expect(parsed.ok && parsed.records).toEqual([
      { line: 1, cells: ['ann@x.io', 'team'] },
      { line: 2, cells: ['bob@x.io', 'vision'] },
    ]);
  });
});
