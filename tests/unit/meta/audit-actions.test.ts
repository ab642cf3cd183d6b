/**
 * Every audit action (lib/audit/log.ts) is written somewhere in the product code (issue 12): an
 * action no code records is a promise the audit log does not keep. An entry is recognised as an
 * object literal with an `action` string and a `target` (the shape of `AuditEntry` and of the
 * admin key's `describe`); other `action` fields (capabilities, step actions) have no `target`.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '@/lib/audit/log';
import { productSources, repoPath } from './import-graph';

/** The action of every audit-entry-shaped object literal in one file. */
function writtenActions(file: string, text: string): string[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const named = (name: string) =>
        node.properties.find(
          (property) =>
            (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) &&
            property.name.getText(source) === name,
        );
      const action = named('action');
      if (action && named('target') && ts.isPropertyAssignment(action)) {
        let value = action.initializer;
        while (ts.isAsExpression(value) || ts.isParenthesizedExpression(value)) value = value.expression;
        if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) found.push(value.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('audit actions', () => {
  it('the detector reads the action of an entry, and not of other objects with an action', () => {
    const text = [
      "entries.push({ id, actor, action: 'invite', target: describe(unit), org });",
      "keyedWrite(ctx, { action: 'remove-from-org', target: who }, run);",
      "const settled = { action: 'remove-from-team' as const, target };",
      "const capability = { action: 'set-org-role', transport: 'key' };",
      "const step = { step: 'recheck', action: 'ack' };",
    ].join('\n');
    expect(writtenActions('lib/x.ts', text)).toEqual(['invite', 'remove-from-org', 'remove-from-team']);
  });

  it('every audit action is written by some product code outside lib/audit/', () => {
    const written = new Set(
      [...productSources()]
        .filter(([path]) => !repoPath(path).startsWith('lib/audit/'))
        .flatMap(([path, text]) => writtenActions(repoPath(path), text)),
    );
    expect(AUDIT_ACTIONS.filter((action) => !written.has(action))).toEqual([]);
    expect([...written].filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action))).toEqual(
      [],
    );
  });
});
