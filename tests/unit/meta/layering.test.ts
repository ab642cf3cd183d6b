/**
 * Layering (issue 12), checked on the resolved import graph of the product code (./import-graph.ts:
 * `./x`, `../x` and `@/x` imports alike). Bitwarden enforces "popup imports are forbidden in
 * background" with a lint rule; Biome's `noRestrictedImports` only sees an import's text, not the
 * file it resolves to (`../background` from `lib/toolkit/` and `./handlers` inside it look alike),
 * so the rules live here, as one table.
 *
 * A rule names the importing files (`from`) and either what they may not import (`forbid`, minus
 * `except`) or the only product files they may import (`only`). `follow: 'bundled'` checks every
 * file the importer pulls into its bundle (value and `import()` edges, transitively), not only its
 * own imports. Type-only imports count for direct rules: they are still a dependency a reader
 * follows, and the direction is what the rule is about.
 */
import { describe, expect, it } from 'vitest';
import {
  graphOf,
  type ImportEdge,
  type ImportGraph,
  matchesAny,
  productGraph,
  reachableFrom,
} from './import-graph';

interface LayerRule {
  rule: string;
  from: string[];
  forbid?: string[];
  except?: string[];
  only?: string[];
  follow?: 'direct' | 'bundled';
}

const BACKGROUND = ['lib/background/**', 'entrypoints/background.ts'];
/** UI code: the dialogs, the bar and frame, the options page. */
const UI = ['components/**', 'lib/toolkit/**', 'lib/options/**'];
/** What the UI may use of the messaging core: `sendMessage` and the reply types. Adjust as the core moves. */
const MESSAGING_PUBLIC = ['lib/messaging/protocol.ts'];

/** The rules. Globs are repository-relative: `**` any folders, `*` any part of a name. */
const LAYERS: LayerRule[] = [
  { rule: 'UI code imports no background code', from: UI, forbid: BACKGROUND },
  {
    rule: 'UI code imports no messaging internals',
    from: UI,
    forbid: ['lib/messaging/**'],
    except: MESSAGING_PUBLIC,
  },
  {
    rule: 'the messaging core imports no tool (only itself and the W&B layer)',
    from: ['lib/messaging/define.ts', 'lib/messaging/fields.ts'],
    only: ['lib/messaging/**', 'lib/wandb/**', 'lib/zod-setup.ts'],
  },
  {
    rule: "the core message table imports no tool (the admin key's settings are core, not a tool)",
    from: ['lib/messaging/core-messages.ts'],
    only: ['lib/messaging/**', 'lib/wandb/**', 'lib/zod-setup.ts', 'lib/settings/admin-key.ts'],
  },
  {
    rule: 'the protocol sees a tool only through its message table (lib/<tool>/messages.ts, listed in lib/messages.ts)',
    from: ['lib/messaging/protocol.ts'],
    only: ['lib/messaging/**', 'lib/messages.ts', 'lib/*/messages.ts', 'lib/wandb/**'],
  },
  { rule: 'lib/wandb imports no other lib/ folder', from: ['lib/wandb/**'], only: ['lib/wandb/**'] },
  {
    rule: 'the background bundles no UI code (Bitwarden: popup imports are forbidden in background)',
    from: ['entrypoints/background.ts'],
    forbid: UI,
    follow: 'bundled',
  },
  {
    rule: 'content scripts and the toolkit frame bundle no background code',
    from: ['entrypoints/*.content.ts', 'entrypoints/*.content/**', 'entrypoints/toolkit-frame/**'],
    forbid: BACKGROUND,
    follow: 'bundled',
  },
];

/**
 * Today's breaches, `from → to`, each with why it is still there. Other branches of issue 12 are
 * removing them; an entry that no longer occurs fails the test, so the list only shrinks.
 */
const KNOWN: Record<string, string> = {};

interface Breach {
  rule: string;
  key: string;
  /** For a bundled rule: the import chain that pulls the file in. */
  via?: string;
}

function allowedTarget(rule: LayerRule, to: string): boolean {
  if (rule.only) return matchesAny(to, rule.only);
  const forbidden = matchesAny(to, rule.forbid ?? []) && !matchesAny(to, rule.except ?? []);
  return !forbidden;
}

function chain(from: string, to: string, edges: readonly ImportEdge[]): string {
  const previous = new Map<string, string>();
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (current === to) break;
    for (const edge of edges) {
      if (edge.from === current && !previous.has(edge.to) && edge.to !== from) {
        previous.set(edge.to, current);
        queue.push(edge.to);
      }
    }
  }
  const path = [to];
  for (let at = previous.get(to); at !== undefined; at = previous.get(at)) path.unshift(at);
  return path.join(' → ');
}

/** Every breach of `rules` in `graph`. */
function breaches(graph: ImportGraph, rules: readonly LayerRule[]): Breach[] {
  const found: Breach[] = [];
  const bundled = graph.edges.filter((edge) => edge.kind !== 'type');
  for (const rule of rules) {
    for (const from of graph.files.filter((file) => matchesAny(file, rule.from))) {
      if (rule.follow === 'bundled') {
        for (const to of [...reachableFrom(from, bundled)].sort()) {
          if (allowedTarget(rule, to)) continue;
          found.push({ rule: rule.rule, key: `${from} → ${to}`, via: chain(from, to, bundled) });
        }
        continue;
      }
      const targets = new Set(graph.edges.filter((edge) => edge.from === from).map((edge) => edge.to));
      for (const to of [...targets].sort()) {
        if (!allowedTarget(rule, to)) found.push({ rule: rule.rule, key: `${from} → ${to}` });
      }
    }
  }
  return found;
}

const describeBreach = (breach: Breach) =>
  `${breach.rule}: ${breach.key}${breach.via ? ` (via ${breach.via})` : ''}`;

describe('layering', () => {
  it('the detector finds each kind of breach on a fixture, through any import form', () => {
    const graph = graphOf({
      'components/Dialog.tsx':
        "import type { X } from '../lib/background/x';\nimport { s } from '@/lib/messaging/schemas';",
      'components/Fine.tsx': "import { sendMessage } from '../lib/messaging/protocol';",
      'lib/messaging/protocol.ts':
        "import type { Job } from '../jobs/job';\nimport type { E } from '../wandb/errors';",
      'lib/messaging/schemas.ts': '',
      'lib/jobs/job.ts': '',
      'lib/wandb/errors.ts': "export { n } from '../csv/neutralise';",
      'lib/csv/neutralise.ts': '',
      'lib/background/x.ts': '',
      'lib/toolkit/glue.ts': "import '../background/x';",
      'entrypoints/watcher.content.ts': "import { g } from '../lib/toolkit/glue';",
      'entrypoints/toolkit-frame/main.ts': "const load = () => import('../../lib/toolkit/glue');",
      'entrypoints/background.ts': "import '../lib/background/x';\nimport '../lib/background/ui-glue';",
      'lib/background/ui-glue.ts': "import { Fine } from '../../components/Fine';",
    });
    expect(breaches(graph, LAYERS).map(describeBreach)).toEqual([
      'UI code imports no background code: components/Dialog.tsx → lib/background/x.ts',
      'UI code imports no background code: lib/toolkit/glue.ts → lib/background/x.ts',
      'UI code imports no messaging internals: components/Dialog.tsx → lib/messaging/schemas.ts',
      'the protocol sees a tool only through its message table (lib/<tool>/messages.ts, listed in lib/messages.ts): lib/messaging/protocol.ts → lib/jobs/job.ts',
      'lib/wandb imports no other lib/ folder: lib/wandb/errors.ts → lib/csv/neutralise.ts',
      'the background bundles no UI code (Bitwarden: popup imports are forbidden in background): entrypoints/background.ts → components/Fine.tsx (via entrypoints/background.ts → lib/background/ui-glue.ts → components/Fine.tsx)',
      'content scripts and the toolkit frame bundle no background code: entrypoints/toolkit-frame/main.ts → lib/background/x.ts (via entrypoints/toolkit-frame/main.ts → lib/toolkit/glue.ts → lib/background/x.ts)',
      'content scripts and the toolkit frame bundle no background code: entrypoints/watcher.content.ts → lib/background/x.ts (via entrypoints/watcher.content.ts → lib/toolkit/glue.ts → lib/background/x.ts)',
    ]);
  });

  it('a type-only import does not put a file into a bundle', () => {
    const graph = graphOf({
      'entrypoints/watcher.content.ts': "import type { T } from '../lib/background/x';",
      'lib/background/x.ts': '',
    });
    expect(breaches(graph, LAYERS)).toEqual([]);
  });

  it('reads the product code (the graph is not empty)', () => {
    const graph = productGraph();
    expect(graph.files).toContain('lib/wandb/pages.ts');
    expect(graph.files).toContain('entrypoints/watcher.content.ts');
    expect(graph.edges.length).toBeGreaterThan(graph.files.length);
  });

  it('the product code keeps every layering rule, except the known breaches', () => {
    const unexpected = breaches(productGraph(), LAYERS)
      .filter((breach) => !(breach.key in KNOWN))
      .map(describeBreach);
    expect(unexpected).toEqual([]);
  });

  it('every known breach still occurs, so the list only shrinks, and says why', () => {
    const current = new Set(breaches(productGraph(), LAYERS).map((breach) => breach.key));
    expect(Object.keys(KNOWN).filter((key) => !current.has(key))).toEqual([]);
    expect(Object.entries(KNOWN).filter(([, why]) => why.trim().length < 10)).toEqual([]);
  });
});
