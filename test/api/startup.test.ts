import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What a newcomer gets from `npm start` with no DATABASE_URL: the embedded database in a folder, migrated,
 * a demo region loading, the API and /health answering, a token file, and a clean stop on SIGTERM.
 */
describe('npm start on a machine with nothing configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baqylau-start-'));
  let child: ChildProcess | null = null;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on the embedded PostgreSQL with demo data, answers, and stops cleanly', async () => {
    const env = { ...process.env, DATABASE_URL: '', PORT: '0', DATA_DIR: join(dir, 'pglite'), DEMO_APPEALS: '40', NODE_ENV: 'development', LOG_LEVEL: 'warn' };
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (c) => (out += c));
    child.stderr!.on('data', (c) => (out += c));
    const waitFor = async (re: RegExp, ms: number) => {
      const until = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${re}; output:\n${out}`);
        if (child!.exitCode !== null) throw new Error(`exited early:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return re.exec(out)!;
    };
    const [, url] = await waitFor(/baqylau API at (http:\S+)\/graphql/, 60_000);
    expect(out).toMatch(/Database: embedded PostgreSQL \(PGlite\) in .*pglite/);
    const health: any = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { kind: 'pglite', ok: true } });
    await waitFor(/Demo data loaded in \d+ s \(40 appeals; 0 story steps refused/, 90_000);

    const tokens = JSON.parse(readFileSync(join(dir, 'demo-tokens.json'), 'utf8'));
    const head = Object.values<any>(tokens).find((t) => t.roles === 'head');
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${head.token}` },
      body: JSON.stringify({ query: '{ appeals(first: 1) { totalCount } instructions { totalCount } }' }),
    });
    const body: any = await res.json();
    expect(body.data.appeals.totalCount).toBe(40);
    expect(body.data.instructions.totalCount).toBeGreaterThan(0);

    const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = null;
  }, 180_000);

  it('refuses a bad configuration with a clear message and exit code 2', async () => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    p.stderr!.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((r) => p.on('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err).toMatch(/PORT must be an integer/);
    expect(err).toMatch(/LOG_LEVEL must be one of/);
    expect(err).toMatch(/DATABASE_URL must start with postgres/);
  }, 60_000);
});
