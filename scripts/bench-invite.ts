/**
 * Bulk-invite figures for `npm run bench` (the "Numbers"), with the extension's own code
 * (lib/invite and its job engine, the W&B client) against the simulator in its own process:
 *  - 1,000 rows, 50 ms latency, rate limit 20 requests/s (429 + Retry-After): wall time against
 *    the rate-limit bound 1,000 / 20 s, and duplicates (successful createInvite per address - 1);
 *  - 1,000 rows, 50 ms latency, no rate limit, concurrency 4: wall / (rows × latency / 4);
 *  - parsing and classifying a 10,000-row file (Node).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { classifyInviteRows } from '../lib/invite/classify';
import { createInviteJob, runInviteJob } from '../lib/invite/job';
import { parseInviteInput } from '../lib/invite/parse';
import { createWandbClient } from '../lib/wandb/client';
import { sleepWithSignal } from '../lib/wandb/graphql';
import { generateOrg } from '../tests/simulator/generate';
import { simFetch, simHttp2, simLogin } from '../tests/simulator/test-client';

const LATENCY_MS = 50;

function inviteCsv(rows: number, team: string, prefix: string): string {
  const lines = ['email,team,team role'];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i}@bench.test,${team},member`);
  return lines.join('\n');
}

async function startSim(seedFile: string, extra: string[]) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tests/simulator/cli.ts',
      '--seed',
      seedFile,
      '--latency',
      String(LATENCY_MS),
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const ready = JSON.parse(line) as { port: number; admin: string; org: string };
  return { ...ready, stop: () => child.kill('SIGTERM') };
}

/** One job of `rows` invites; returns wall time and what the simulator's log says was sent. */
async function runJob(seedFile: string, rows: number, concurrency: number, simArgs: string[]) {
  const sim = await startSim(seedFile, simArgs);
  const cookie = await simLogin(sim, sim.admin);
  const connection = simHttp2(sim, 'api.wandb.ai');
  const client = createWandbClient({
    appOrigin: 'https://wandb.ai',
    fetch: (input, init) =>
      connection.fetch(new URL(input).pathname, {
        method: init.method,
        headers: { ...(init.headers as Record<string, string>), cookie },
        body: init.body as string,
      }),
  });
  const directory = await client.directory.loadDirectory({ kind: 'org', org: sim.org });
  const team = directory.teams[0]!.name;
  const parsed = parseInviteInput({ text: inviteCsv(rows, team, `c${concurrency}-`) });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const classified = classifyInviteRows(parsed.records, parsed.mapping, directory);
  await simFetch(sim, 'https://api.wandb.ai/__sim/requests', { method: 'DELETE' });
  const job = createInviteJob(classified, {
    id: 'bench',
    org: sim.org,
    scope: `org:${sim.org}`,
    now: Date.now(),
    concurrency,
  });
  const started = performance.now();
  const finished = await runInviteJob(job, {
    save: async () => {},
    send: (unit) =>
      client
        .createInvite({ team: unit.team, emailOrUsername: unit.email, admin: unit.admin })
        .then((invite) => ({ inviteId: invite.id })),
    findPendingInvite: async (unit) => {
      const teamDirectory = await client.directory.loadDirectory({
        kind: 'team',
        team: unit.team,
        org: sim.org,
      });
      const invite = teamDirectory.invites.find((i) => i.email === unit.email);
      return invite?.id ? { inviteId: invite.id } : null;
    },
    now: Date.now,
    sleep: sleepWithSignal,
    random: Math.random,
  });
  const wallMs = performance.now() - started;
  const log = (await (await simFetch(sim, 'https://api.wandb.ai/__sim/requests')).json()) as {
    operationName: string | null;
    status: number | null;
    result?: string;
    variables: { email?: string } | null;
  }[];
  const creates = log.filter((entry) => entry.operationName === 'CreateInvite');
  const ok = creates.filter((entry) => entry.result === 'ok').map((entry) => entry.variables?.email);
  await connection.close();
  sim.stop();
  return {
    directory,
    rows,
    concurrency,
    wallMs,
    invited: finished.units.filter((unit) => unit.state === 'invited').length,
    failed: finished.units.filter((unit) => unit.state === 'failed').length,
    requests: creates.length,
    rateLimited: creates.filter((entry) => entry.status === 429).length,
    duplicates: ok.length - new Set(ok).size,
  };
}

export async function benchInvites() {
  const seed = generateOrg({ members: 2000, teams: 20, seed: 5 });
  seed.org.seats.models += 5000;
  const seedFile = join(mkdtempSync(join(tmpdir(), 'wbat-bench-')), 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed));

  const limited = await runJob(seedFile, 1000, 4, ['--rate-limit', '20']);
  const plain = await runJob(seedFile, 1000, 4, []);

  // Parsing and classifying 10,000 rows, against the 2,000-member directory the job read.
  const text = inviteCsv(10_000, seed.teams[0]!.name, 'p');
  const { directory } = limited;
  let parseMs = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const parsed = parseInviteInput({ text });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const rows = classifyInviteRows(parsed.records, parsed.mapping, directory);
    if (rows.length !== 10_000) throw new Error(`classified ${rows.length} rows`);
    parseMs = Math.min(parseMs, performance.now() - started);
  }
  const { directory: _limitedDirectory, ...limitedFigures } = limited;
  const { directory: _plainDirectory, ...plainFigures } = plain;
  return {
    limited: { ...limitedFigures, boundMs: (1000 / 20) * 1000, ratio: limited.wallMs / ((1000 / 20) * 1000) },
    plain: {
      ...plainFigures,
      boundMs: (1000 * LATENCY_MS) / 4,
      ratio: plain.wallMs / ((1000 * LATENCY_MS) / 4),
    },
    parse10kMs: parseMs,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchInvites(), null, 2));
}
