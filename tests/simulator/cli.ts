/**
 * `tsx tests/simulator/cli.ts [--seed FILE | --generate members=N,teams=M[,seed=S]] [--port P]
 *   [--latency MS] [--rate-limit N] [--error-rate P] [--drop-rate P] [--expire-session-after N]
 *   [--strict-verified] [--random-seed S] [--extra-host NAME ...]`
 *
 * Prints one JSON line `{"port","spki","admin","org"}` when ready and serves until killed.
 * A bad seed exits with code 1 and `path: reason` lines on stderr.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SimConfig } from './faults';
import { parseGenerateSpec } from './generate';
import { DEFAULT_SEED_PATH, loadSeedFile, SeedError } from './seed';
import { startSimulator } from './server';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function number(flag: string, value: string | undefined, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    fail(`--${flag}: expected ${integer ? 'a whole number' : 'a number'}, got "${value}"`);
  }
  return n;
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = parsed;
  if (values.seed && values.generate) fail('use either --seed or --generate, not both');

  let seed: ReturnType<typeof loadSeedFile> | undefined;
  let generate: ReturnType<typeof parseGenerateSpec> | undefined;
  try {
    if (values.generate) generate = parseGenerateSpec(values.generate);
    else seed = loadSeedFile(values.seed ? resolve(values.seed) : DEFAULT_SEED_PATH);
  } catch (error) {
    if (error instanceof SeedError) fail(error.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    fail((error as Error).message);
  }

  const config: Partial<SimConfig> = {};
  const set = <K extends keyof SimConfig>(key: K, value: SimConfig[K] | undefined) => {
    if (value !== undefined) config[key] = value;
  };
  set('latencyMs', number('latency', values.latency));
  set('rateLimit', number('rate-limit', values['rate-limit'], true));
  set('errorRate', number('error-rate', values['error-rate']));
  set('dropRate', number('drop-rate', values['drop-rate']));
  set('expireSessionAfter', number('expire-session-after', values['expire-session-after'], true));
  set('randomSeed', number('random-seed', values['random-seed'], true));
  if (values['strict-verified']) config.strictVerified = true;
  const extraHosts = (values['extra-host'] ?? []).flatMap((h) => h.split(',')).filter(Boolean);

  let sim: Awaited<ReturnType<typeof startSimulator>>;
  try {
    sim = await startSimulator({
      seed,
      generate,
      port: number('port', values.port, true) ?? 0,
      extraHosts,
      config,
    });
  } catch (error) {
    fail(`cannot start the simulator: ${(error as Error).message}`);
  }
  process.stdout.write(
    `${JSON.stringify({ port: sim.port, spki: sim.spki, admin: sim.admin, org: sim.org })}\n`,
  );

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function parse() {
  return parseArgs({
    options: {
      seed: { type: 'string' },
      generate: { type: 'string' },
      port: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'error-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      'expire-session-after': { type: 'string' },
      'strict-verified': { type: 'boolean' },
      'random-seed': { type: 'string' },
      'extra-host': { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
}

await main();
