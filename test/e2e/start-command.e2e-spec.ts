import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dropDatabase } from '#persistence';
import { TEST_REDIS_URL, urlForDatabase } from '../setup/test-env.js';

/** `npm start` as a user runs it: node scripts/start.mjs, a real child process. */
function start(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return { child, output: () => ({ stdout, stderr }) };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('stops at once with one line naming DATABASE_URL when it is malformed', async () => {
    const run = start({ DATABASE_URL: 'nonsense' });
    const code = await exited(run.child);
    expect(code).not.toBe(0);
    const errorLines = run
      .output()
      .stderr.split('\n')
      .filter((line) => line.trim());
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain('DATABASE_URL');
  });

  it('migrates, serves /health/ready with the worker connected, and leaves no process behind on Ctrl-C', async () => {
    const databaseUrl = urlForDatabase(`prd_test_start_${randomBytes(4).toString('hex')}`);
    const port = await freePort();
    const run = start({
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `prd_test_start_${randomBytes(3).toString('hex')}`,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    const finished = exited(run.child);
    try {
      let ready: { status: number; body?: { worker?: { connected: number } } } = { status: 0 };
      // Poll the real server as a load balancer would, for at most 60 s (the acceptance bound).
      for (let attempt = 0; attempt < 120 && !(ready.status === 200 && ready.body?.worker?.connected); attempt += 1) {
        ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
          .then(async (response) => ({ status: response.status, body: (await response.json()) as typeof ready.body }))
          .catch(() => ({ status: 0 }));
        if (ready.status !== 200 || !ready.body?.worker?.connected) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(ready.status).toBe(200);
      expect(ready.body?.worker?.connected).toBeGreaterThanOrEqual(1);

      const pids = execFileSync('pgrep', ['-P', String(run.child.pid)])
        .toString()
        .trim()
        .split('\n')
        .map(Number);
      expect(pids).toHaveLength(2);
      run.child.kill('SIGINT');
      expect(await finished).toBe(0);
      for (const pid of pids) expect(processAlive(pid)).toBe(false);
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await dropDatabase(databaseUrl);
    }
  }, 90_000);
});
