/**
 * Every tool in the registry has an end-to-end journey (issue 12): some spec in `tests/e2e/` presses
 * the bar's button with the tool's label and finds the dialog named like it, in the built extension
 * against the simulator. A tool added with one registry line and no journey fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLS } from '@/lib/toolkit/registry';

const ROOT = join(import.meta.dirname, '../../..');
const E2E = join(ROOT, 'tests/e2e');

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(path);
    return entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const literal = (label: string) => `(['"\`])${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`;

/**
 * Whether `text` clicks the button labelled `label` and looks for the dialog of that name, or has
 * the page object do both for a tool under More (`openFromMore('label')`, tests/e2e/fixtures.ts).
 */
function opensTool(text: string, label: string): boolean {
  const click = new RegExp(
    `getByRole\\(\\s*'button',\\s*\\{\\s*name:\\s*${literal(label)}\\s*\\}\\s*\\)\\s*\\.click\\(`,
  );
  const dialog = new RegExp(`getByRole\\(\\s*'dialog',\\s*\\{\\s*name:\\s*${literal(label)}\\s*\\}`);
  const fromMore = new RegExp(`\\.openFromMore\\(\\s*${literal(label)}\\s*\\)`);
  return (click.test(text) && dialog.test(text)) || fromMore.test(text);
}

describe('tool journeys', () => {
  it('the detector needs the button pressed and the dialog found, by the exact label', () => {
    const journey = [
      "await wandb.bar\n  .getByRole('button', { name: 'Export members' })\n  .click();",
      "const dialog = wandb.ui.getByRole('dialog', { name: 'Export members' });",
    ].join('\n');
    expect(opensTool(journey, 'Export members')).toBe(true);
    expect(opensTool(journey, 'Export')).toBe(false);
    expect(
      opensTool("await bar.getByRole('button', { name: 'Export members' }).click();", 'Export members'),
    ).toBe(false);
    expect(
      opensTool(
        "expect(bar.getByRole('button', { name: 'Audit log' })).toBeVisible();\ngetByRole('dialog', { name: 'Audit log' })",
        'Audit log',
      ),
    ).toBe(false);
  });

  it('openFromMore with the exact label counts: the page object presses that button and returns that dialog', () => {
    expect(opensTool("const dialog = await wandb.openFromMore('Seat hygiene');", 'Seat hygiene')).toBe(true);
    expect(opensTool("await wandb.openFromMore('Seat hygiene');", 'Seat')).toBe(false);
    expect(opensTool('await wandb.openFromMore(name);', 'Seat hygiene')).toBe(false);
    const fixtures = readFileSync(join(E2E, 'fixtures.ts'), 'utf8');
    const helper = fixtures.slice(fixtures.indexOf('async openFromMore(name: string)'));
    expect(helper).toMatch(
      /^async openFromMore\(name: string\)[\s\S]*?getByRole\('button', \{ name \}\)\.click\(\);\s*return this\.ui\.getByRole\('dialog', \{ name \}\);/,
    );
  });

  it('every registered tool is opened by its label in some end-to-end spec', () => {
    const specs = specFiles(E2E).map((path) => ({
      path: relative(ROOT, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(TOOLS.length).toBeGreaterThan(0);
    const journeys = TOOLS.map((tool) => ({
      tool: tool.label,
      specs: specs.filter((spec) => opensTool(spec.text, tool.label)).map((spec) => spec.path),
    }));
    expect(journeys.filter((journey) => journey.specs.length === 0).map((journey) => journey.tool)).toEqual(
      [],
    );
  });
});
