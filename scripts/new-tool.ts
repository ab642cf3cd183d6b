/**
 * `npm run new-tool -- <id> ["Label"]`: scaffolds a tool — its lib folder (`messages.ts`, the
 * message table; `background.ts`, its handlers), its components folder (a dialog named like its
 * label) and its line in each registry (lib/messages.ts, lib/background/tools.ts,
 * lib/toolkit/registry.ts) — then regenerates the README's message list. Refuses a malformed id
 * and an id already used by a folder or a registry. `--root DIR` scaffolds into another checkout
 * (the test uses a temporary copy).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface NewTool {
  id: string;
  label: string;
  /** `seat-hygiene` → `seatHygiene`: the prefix of its message names and exports. */
  camel: string;
  /** The dialog component: the label in PascalCase plus `Dialog`. */
  dialog: string;
}

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The names a tool id gives, or why the id is refused. */
export function toolNames(id: string, label?: string): NewTool {
  if (!ID.test(id) || id.length > 30) {
    throw new Error(
      `"${id}" is not a tool id: lower-case letters and digits, words joined by "-", at most 30.`,
    );
  }
  const words = id.split('-');
  const name = label?.trim() || words.join(' ').replace(/^./, (c) => c.toUpperCase());
  if (!/^[A-Za-z][A-Za-z0-9 ]{0,40}$/.test(name))
    throw new Error(`"${name}" is not a label: letters, digits and spaces.`);
  const camel = words.map((w, i) => (i === 0 ? w : w[0]?.toUpperCase() + w.slice(1))).join('');
  const pascal = name
    .split(/\s+/)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
  return { id, label: name, camel, dialog: `${pascal}Dialog` };
}

function messagesFile(t: NewTool): string {
  return `/**
 * ${t.label}: its messages, declared once (schema, allowed senders, reply type). Handlers:
 * lib/${t.id}/background.ts. Run \`npm run docs\` after changing this table.
 */
import { z } from 'zod';
import { message } from '../messaging/define';
import { pageUrl } from '../messaging/fields';

export const ${t.camel}Messages = {
  ${t.camel}Status: message<{ org: string }>()({
    doc: 'The ${t.label} dialog asks for the organization of its page.',
    schema: z.object({ pageUrl }).strict(),
    senders: ['toolkit-frame'],
  }),
};
`;
}

function backgroundFile(t: NewTool): string {
  return `/** ${t.label}: the background's handlers for lib/${t.id}/messages.ts (a missing or extra one is a type error). */
import { defineHandlers } from '../background/deps';
import { pageOrg } from '../background/page-access';
import { ${t.camel}Messages } from './messages';

export const ${t.camel}Handlers = defineHandlers(${t.camel}Messages, (deps) => ({
  async ${t.camel}Status(payload, verified) {
    const { org } = await pageOrg(deps, verified, payload.pageUrl);
    return { org };
  },
}));
`;
}

function dialogFile(t: NewTool): string {
  return `/** ${t.label}: the tool's dialog (props in, callbacks out). */
import { ModalDialog } from '../dialog';

export function ${t.dialog}({ org, onClose }: { org: string; onClose(): void }) {
  return (
    <ModalDialog title="${t.label}" onClose={onClose}>
      <p>${t.label} for {org}.</p>
    </ModalDialog>
  );
}
`;
}

/** `text` with `line` inserted before the first match of `before` after `after`; throws if either is missing. */
function insertBefore(text: string, file: string, after: string, before: string, line: string): string {
  const start = text.indexOf(after);
  const at = start < 0 ? -1 : text.indexOf(before, start + after.length);
  if (at < 0)
    throw new Error(
      `${file}: cannot find where to add the registry line (${after.trim()} … ${before.trim()}).`,
    );
  return text.slice(0, at) + line + text.slice(at);
}

/** The edits to the three registries, as new file texts (nothing written yet). */
function registryEdits(root: string, t: NewTool): Record<string, string> {
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const messages = read('lib/messages.ts');
  const tools = read('lib/background/tools.ts');
  const registry = read('lib/toolkit/registry.ts');
  const key = /^[a-z]\w*$/.test(t.id) ? t.id : `'${t.id}'`;
  if (new RegExp(`^\\s*'?${t.id}'?: `, 'm').test(messages) || registry.includes(`id: '${t.id}'`)) {
    throw new Error(`A tool "${t.id}" is already registered.`);
  }
  return {
    'lib/messages.ts': insertBefore(
      `import { ${t.camel}Messages } from './${t.id}/messages';\n${messages}`,
      'lib/messages.ts',
      'export const MESSAGE_TABLES = {',
      '};',
      `  ${key}: ${t.camel}Messages,\n`,
    ),
    'lib/background/tools.ts': insertBefore(
      `import { ${t.camel}Handlers } from '../${t.id}/background';\n${tools}`,
      'lib/background/tools.ts',
      'export const TOOL_HANDLERS',
      '};',
      `  ${key}: ${t.camel}Handlers,\n`,
    ),
    'lib/toolkit/registry.ts': insertBefore(
      registry,
      'lib/toolkit/registry.ts',
      'export const TOOLS',
      '];',
      `  {\n    id: '${t.id}',\n    label: '${t.label}',\n    load: () => import('../../components/${t.id}/${t.dialog}').then((m) => m.${t.dialog}),\n  },\n`,
    ),
  };
}

/** Writes the tool's folders and registry lines under `root`; returns the files written. */
export function scaffoldTool(root: string, id: string, label?: string): string[] {
  const t = toolNames(id, label);
  for (const dir of [`lib/${id}`, `components/${id}`]) {
    if (existsSync(join(root, dir))) throw new Error(`${dir} already exists: pick another id.`);
  }
  const edits = registryEdits(root, t);
  const files: Record<string, string> = {
    [`lib/${id}/messages.ts`]: messagesFile(t),
    [`lib/${id}/background.ts`]: backgroundFile(t),
    [`components/${id}/${t.dialog}.tsx`]: dialogFile(t),
    ...edits,
  };
  mkdirSync(join(root, 'lib', id));
  mkdirSync(join(root, 'components', id));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
  return Object.keys(files);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '.') : resolve(import.meta.dirname, '..');
  const [id, label] = rootAt < 0 ? args : args.filter((_, i) => i !== rootAt && i !== rootAt + 1);
  if (!id) {
    console.error(
      'usage: npm run new-tool -- <id> ["Label"]   (e.g. npm run new-tool -- seat-hygiene "Seat hygiene")',
    );
    process.exit(2);
  }
  try {
    const written = scaffoldTool(root, id, label);
    for (const file of written) console.log(`wrote ${file}`);
    execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/docs.ts'], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
