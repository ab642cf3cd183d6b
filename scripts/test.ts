/**
 * `npm test`: every check, in an order that uses both cores of a small machine. The type check is
 * one single-threaded process that needs nothing built, so it runs beside the lint, the two builds
 * and the Firefox package checks (also mostly one core each); the rest needs the machine to itself
 * (vitest and Playwright use every core) and runs one step at a time, but for the Firefox suite,
 * which runs beside the Chromium one. The first failing step stops
 * the run, as `a && b && …` did. Each step's time is printed at the end.
 *
 * The steps beside the type check print as they go (the browser install's progress among them); the
 * type check's output, if any, is printed when it ends.
 */
import { spawn } from 'node:child_process';

type Step = string;
/** Runs side by side; the steps of each lane one after another. */
type Stage = Step[][];

const STAGES: Stage[] = [
  [['typecheck'], ['lint', 'build', 'build:firefox', 'check:manifests', 'lint:firefox', 'browsers']],
  [['test:unit']],
  // The Firefox suite uses about one core for 25 s, mostly waiting on Firefox; beside the Chromium
  // suite it fills the gaps that suite leaves (each has its own simulator and browser).
  [['test:firefox'], ['test:e2e']],
  [['test:leftovers']],
];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const times: { step: Step; seconds: number; ok: boolean }[] = [];

/** Runs `npm run <step>`; its output goes straight through (`live`) or is kept and printed at the end. */
function run(step: Step, live: boolean): Promise<boolean> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', step], {
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('close', (code) => {
      const ok = code === 0;
      times.push({ step, seconds: (performance.now() - started) / 1000, ok });
      if (!live) process.stdout.write(Buffer.concat(output));
      resolve(ok);
    });
  });
}

async function runLane(lane: Step[], live: boolean): Promise<boolean> {
  for (const step of lane) if (!(await run(step, live))) return false;
  return true;
}

function report(started: number): void {
  console.log('\nnpm test, seconds per step:');
  for (const { step, seconds, ok } of times)
    console.log(`  ${step.padEnd(16)} ${seconds.toFixed(1).padStart(6)}${ok ? '' : '  FAILED'}`);
  console.log(`  ${'total'.padEnd(16)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)}`);
}

const started = performance.now();
let ok = true;
for (const stage of STAGES) {
  // The last lane of a stage prints live; the others are kept until they end.
  const results = await Promise.all(stage.map((lane, index) => runLane(lane, index === stage.length - 1)));
  if (results.includes(false)) {
    ok = false;
    break;
  }
}
report(started);
process.exit(ok ? 0 : 1);
