/**
 * The last step of `npm test`: fails when a process that the tests started from this checkout is
 * still running (a simulator, a Chromium with our extension, a Firefox of the Firefox suite, the demo). Tests must stop whole
 * process groups; a leftover would keep a port, a profile and CPU after the run, and hide a leak.
 * Reads /proc (Linux, where CI runs); elsewhere it says it cannot check and passes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
// A Firefox of the Firefox suite runs from /usr/bin with a temporary profile named wbat-firefox-….
const MARKERS = [
  `${ROOT}/tests/simulator/cli.ts`,
  `${ROOT}/.output/`,
  `${ROOT}/scripts/demo.ts`,
  '/wbat-firefox-',
];

function leftovers(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid || Number(pid) === process.ppid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      continue; // gone meanwhile
    }
    if (MARKERS.some((marker) => cmdline.includes(marker))) found.push(`${pid} ${cmdline.slice(0, 200)}`);
  }
  return found;
}

if (!existsSync('/proc/self/cmdline')) {
  console.log('check-no-leftovers: no /proc here; not checked.');
} else {
  // Browsers and servers closed by the last test may take a moment to exit: look a few times.
  let found = leftovers();
  for (let attempt = 0; attempt < 20 && found.length > 0; attempt++) {
    await new Promise((done) => setTimeout(done, 250));
    found = leftovers();
  }
  if (found.length > 0) {
    console.error(`check-no-leftovers: ${found.length} process(es) started by the tests are still running:`);
    for (const line of found) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log('check-no-leftovers: no process of the test run is left.');
}
