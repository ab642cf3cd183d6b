import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { simFetch } from './test-client';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'tests/simulator/cli.ts');

const children: ChildProcess[] = [];
afterEach(() => {
  // Each simulator runs in a process group of its own: the whole group goes, whatever it started.
  for (const child of children.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: the group has exited already.
    }
  }
});

function run(args: string[]) {
  // One process (Node with tsx's loader), not the tsx wrapper that would leave its child behind.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('exit', () => reject(new Error(`exited before ready: ${stderr}`)));
  });
  // only some tests wait for readiness; the others expect the process to exit
  firstLine.catch(() => {});
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

describe('cli', () => {
  it('prints one ready line, serves the default acme seed with its flags, and exits cleanly on SIGTERM', async () => {
    const sim = run([
      '--port',
      '0',
      '--latency',
      '5',
      '--rate-limit',
      '50',
      '--strict-verified',
      '--extra-host',
      'wandb.acme.test',
    ]);
    const ready = JSON.parse(await sim.firstLine);
    expect(Object.keys(ready)).toEqual(['port', 'spki', 'admin', 'org']);
    expect(ready).toMatchObject({
      admin: 'alice',
      org: 'acme',
      port: expect.any(Number),
      spki: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
    const config = await (await simFetch(ready, 'https://api.wandb.ai/__sim/config')).json();
    expect(config).toMatchObject({ latencyMs: 5, rateLimit: 50, strictVerified: true });
    expect((await simFetch(ready, 'https://wandb.acme.test/home')).status).toBe(200);
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    expect(sim.output().stdout.trim().split('\n')).toHaveLength(1);
  });

  it('generates an organization with --generate', async () => {
    const sim = run(['--generate', 'members=300,teams=6,seed=4']);
    const ready = JSON.parse(await sim.firstLine);
    expect(ready).toMatchObject({ admin: 'admin', org: 'acme' });
    const state = await (await simFetch(ready, 'https://api.wandb.ai/__sim/state')).json();
    expect(state.members).toHaveLength(300);
    expect(state.teams).toHaveLength(6);
  });

  it('exits 1 with "path: reason" lines on stderr for a bad seed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-cli-')), 'bad.json');
    const seed = {
      org: { id: 'o', name: 'acme', seats: { models: 1, modelsViewer: 0 } },
      admin: 'alice',
      members: [
        {
          username: 'alice',
          name: 'A',
          email: 'a@acme.test',
          orgRole: 'owner',
          modelsSeat: 'full',
          weaveAccess: 'full',
          accountType: 'user',
        },
      ],
      teams: [{ name: 'vision', members: [{ username: 'zed', role: 'member' }] }],
    };
    writeFileSync(file, JSON.stringify({ ...seed, colour: 'blue' }));
    const unknownKey = run(['--seed', file]);
    expect(await unknownKey.exited).toBe(1);
    expect(unknownKey.output().stdout).toBe('');
    expect(unknownKey.output().stderr).toBe('colour: unknown key\n');

    writeFileSync(file, JSON.stringify(seed));
    const crossRefs = run(['--seed', file]);
    expect(await crossRefs.exited).toBe(1);
    expect(crossRefs.output().stderr.trim().split('\n')).toEqual([
      'members[0].orgRole: expected admin | member | viewer | a custom role',
      'admin: "alice" must be an active user with orgRole admin',
      'teams[0].members[0].username: "zed" is not a listed member',
    ]);
  });

  it('rejects unknown flags and malformed numbers', async () => {
    const unknown = run(['--colour', 'blue']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.output().stderr).toMatch(/colour/);
    const bad = run(['--latency', 'soon']);
    expect(await bad.exited).toBe(1);
    expect(bad.output().stderr).toBe('--latency: expected a number, got "soon"\n');
  });
});
