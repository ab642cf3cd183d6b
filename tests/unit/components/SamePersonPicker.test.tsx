// @vitest-environment happy-dom
/** The same-person picker is an ARIA combobox: typed, moved through with the keys, chosen, then confirmed by a named button. */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SamePersonPicker } from '@/components/reconcile/SamePersonPicker';
import type { IdpPerson, OrphanRow } from '@/lib/reconcile/types';

afterEach(cleanup);

const gus: OrphanRow = {
  username: 'gus',
  name: 'Gus Ma',
  email: 'gus@acme.test',
  orgRole: 'member',
  seat: 'Models full · Weave full',
  teams: '',
  lastActiveAt: '',
  reason: 'not-in-export',
  detail: 'No account with this address in the export',
};
const person = (email: string, name: string, active = true): IdpPerson => ({
  key: email,
  email,
  name,
  active,
  status: active ? 'ACTIVE' : 'SUSPENDED',
  line: 7,
});
const candidates = [
  person('ann@acme.test', 'Ann Lee'),
  person('g.ma@acme.test', 'Gus Ma'),
  person('gustav@acme.test', 'Gustav Berg', false),
];

describe('SamePersonPicker', () => {
  it('offers the likeliest account first, moves with ↓, chooses with Enter, and links only on the named button', async () => {
    const onLink = vi.fn(async () => {});
    render(<SamePersonPicker member={gus} candidates={candidates} onLink={onLink} onCancel={() => {}} />);
    const region = screen.getByRole('region', { name: 'Same person as gus' });
    const combo = within(region).getByRole('combobox', { name: 'Account in the export' });
    expect(document.activeElement).toBe(combo);
    const list = await within(region).findByRole('listbox', { name: 'Accounts in the export' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'g.ma@acme.test — Gus Ma (active, row 7)',
      'ann@acme.test — Ann Lee (active, row 7)',
      'gustav@acme.test — Gustav Berg (SUSPENDED, row 7)',
    ]);
    expect(combo.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    expect(within(region).getByRole('button', { name: 'Link' })).toHaveProperty('disabled', true);

    await userEvent.keyboard('{ArrowDown}');
    expect(combo.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect(combo).toHaveProperty('value', 'g.ma@acme.test');
    expect(combo.getAttribute('aria-expanded')).toBe('false');
    expect(onLink).not.toHaveBeenCalled();
    await userEvent.click(within(region).getByRole('button', { name: 'Link gus to g.ma@acme.test' }));
    expect(onLink).toHaveBeenCalledWith('g.ma@acme.test');
  });

  it('filters as the admin types, and Escape closes the list', async () => {
    render(
      <SamePersonPicker member={gus} candidates={candidates} onLink={async () => {}} onCancel={() => {}} />,
    );
    const combo = screen.getByRole('combobox', { name: 'Account in the export' });
    await userEvent.type(combo, 'gustav');
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
        'gustav@acme.test — Gustav Berg (SUSPENDED, row 7)',
      ]),
    );
    expect(screen.getByText(/1 shown for “gustav”/)).toBeTruthy();
    await userEvent.keyboard('{Escape}');
    expect(combo.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
