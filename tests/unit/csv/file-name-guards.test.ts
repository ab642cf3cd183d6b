/**
 * Guards of the file-name parts (`lib/csv/file-name.ts`) every download is named with: one dash
 * between words however they were separated, no dot or dash left at either end, a four-digit year
 * (found by mutation testing, issue #17).
 */
import { describe, expect, it } from 'vitest';
import { fileNamePart, localDateStamp } from '@/lib/csv/file-name';

describe('file-name part guards', () => {
  it.each([
    ['dashes in the name collapse', 'acme--lab', 'acme-lab'],
    ['a dash beside replaced characters collapses', 'acme -/ lab', 'acme-lab'],
    ['every trailing dot and dash goes', 'acme.-..', 'acme'],
    ['every leading dot and dash goes', '-..acme', 'acme'],
  ])('guard "one dash, clean ends": %s', (_, name, part) => {
    expect(fileNamePart(name)).toBe(part);
  });

  it('guard "the year has four digits" even before year 1000', () => {
    expect(localDateStamp(new Date(999, 0, 2))).toBe('0999-01-02');
  });
});
