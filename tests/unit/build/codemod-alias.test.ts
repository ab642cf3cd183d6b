/**
 * scripts/codemod-alias.ts: `../` chains become `@/…` imports, every other string stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { aliasFor, applyRewrites, rewritesOf } from '@/scripts/codemod-alias';

describe('codemod-alias', () => {
  it('rewrites every import form and vi.mock, and leaves same-folder, package and non-import strings', () => {
    const text = [
      "import '../../lib/zod-setup';",
      "import { a } from '../wandb/errors';",
      "import type { B } from './local';",
      "export { c } from '../../components/dialog';",
      "export type { D } from '../jobs/invite-job';",
      "const load = () => import('../toolkit/invite/InviteTool');",
      "type E = import('../wandb/directory').Directory;",
      "vi.mock('../messaging/protocol', () => ({}));",
      "import { z } from 'zod';",
      'const fixture = "import { x } from \'../background/x\';";',
      "import css from '../../components/toolkit.css?inline';",
    ].join('\n');
    const rewrites = rewritesOf('lib/background/handlers.ts', text);
    expect(applyRewrites(text, rewrites).split('\n')).toEqual([
      "import '@/lib/zod-setup';",
      "import { a } from '@/lib/wandb/errors';",
      "import type { B } from './local';",
      "export { c } from '@/components/dialog';",
      "export type { D } from '@/lib/jobs/invite-job';",
      "const load = () => import('@/lib/toolkit/invite/InviteTool');",
      "type E = import('@/lib/wandb/directory').Directory;",
      "vi.mock('@/lib/messaging/protocol', () => ({}));",
      "import { z } from 'zod';",
      'const fixture = "import { x } from \'../background/x\';";',
      "import css from '@/components/toolkit.css?inline';",
    ]);
  });

  it('leaves paths that leave the repository or go into generated folders, and honours --min-depth', () => {
    expect(aliasFor('scripts/demo.ts', '../../shared/wandb-api/API.md')).toBeNull();
    expect(aliasFor('scripts/demo.ts', '../node_modules/x')).toBeNull();
    expect(aliasFor('lib/a/b.ts', '../c', 2)).toBeNull();
    expect(aliasFor('lib/a/b.ts', '../../components/c', 2)).toBe('@/components/c');
    expect(aliasFor('lib/a/b.ts', './c')).toBeNull();
  });
});
