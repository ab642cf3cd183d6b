/**
 * Global teardown of the Firefox suite: the run fails when a Firefox it started is still running.
 * Every profile of the suite lives under a temporary directory named `wbat-firefox-…`, which is on
 * the command line of the Firefox that uses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { PROFILE_PREFIX } from './firefox';

function firefoxesOfThisSuite(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(`/${PROFILE_PREFIX}`) && !cmdline.includes('vitest'))
        found.push(`${pid} ${cmdline.slice(0, 160)}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

export default function setup() {
  return async function teardown() {
    let found = firefoxesOfThisSuite();
    // A Firefox stopped by the last test may take a moment to exit: look a few times.
    for (let attempt = 0; attempt < 20 && found.length > 0; attempt++) {
      await new Promise((done) => setTimeout(done, 250));
      found = firefoxesOfThisSuite();
    }
    if (found.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the exit code as well.
      process.exitCode = 1;
      throw new Error(`A Firefox started by the suite is still running:\n${found.join('\n')}`);
    }
  };
}
