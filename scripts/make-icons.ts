/**
 * Draws the extension's icon (public/icon/icon.svg, our own mark: three rising bars and a check on
 * a dark tile, not W&B's logo) into the PNG sizes the manifests and the stores use, with the same
 * Chromium the tests use. Run it after changing the SVG: `npx tsx scripts/make-icons.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { findBrowser } from './browsers';

const DIR = resolve(import.meta.dirname, '../public/icon');
const SIZES = [16, 32, 48, 128];

const svg = readFileSync(resolve(DIR, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: await findBrowser('chromium', { install: true }),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    writeFileSync(resolve(DIR, `${size}.png`), await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`wrote ${SIZES.map((size) => `public/icon/${size}.png`).join(', ')}`);
