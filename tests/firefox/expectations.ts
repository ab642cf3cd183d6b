/**
 * The Firefox suite's expectations: the shared ones (tests/e2e/expectations.ts, computed from the
 * simulator's state) and reading what Firefox downloaded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { waitFor } from './ui';

export { EXPORT_HEADER, expectedExportRows, expectedFigures, exportKey } from '../e2e/expectations';

export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV does not parse: ${JSON.stringify(parsed.errors)}`);
  const [header, ...records] = parsed.data;
  return {
    header: header!,
    rows: records.map((record) => Object.fromEntries(header!.map((name, i) => [name, record[i] ?? '']))),
  };
}

/**
 * Waits for a new, finished download in `dir` whose name matches, and returns its name and text.
 * Firefox writes `<name>.part` first and renames it when done.
 */
export async function waitForDownload(
  dir: string,
  before: Set<string>,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<{ name: string; text: string }> {
  const name = await waitFor(
    async () => {
      const files = readdirSync(dir);
      if (files.some((file) => file.endsWith('.part'))) return undefined;
      return files.find((file) => !before.has(file) && pattern.test(file));
    },
    (found) => found !== undefined,
    timeoutMs,
  );
  return { name: name!, text: readFileSync(join(dir, name!), 'utf8') };
}

export const filesIn = (dir: string) => new Set(readdirSync(dir));
