/**
 * docs/store/: the listing names exactly the screenshots that are there, and each is a 1280×800 PNG
 * (the size both stores take), as `npm run demo -- --headless --screenshot docs/store/screenshots/`
 * writes them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const STORE = resolve(import.meta.dirname, '../../../docs/store');
const shots = readdirSync(resolve(STORE, 'screenshots')).sort();

function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('store screenshots', () => {
  it('the listing names every screenshot there is, and only those', () => {
    const listing = readFileSync(resolve(STORE, 'listing.md'), 'utf8');
    const named = [...listing.matchAll(/`(\d-[a-z-]+\.png)`/g)].map((match) => match[1]).sort();
    expect(named).toEqual(shots);
    expect(shots).toHaveLength(4);
  });

  it.each(shots)('%s is 1280×800', (name) => {
    expect(pngSize(resolve(STORE, 'screenshots', name))).toEqual({ width: 1280, height: 800 });
  });
});
