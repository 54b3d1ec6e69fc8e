import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import pg from 'pg';
import { QueueName, redisConnection } from '#jobs';
import { configureClinic } from '../../support/clinic.js';
import { sendRequest, type TestResponse } from '../../support/api-app.js';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink.js';
import { buildProduct, type Build } from './build.js';
import { PrivatePostgres, PrivateRedis, freePort } from './private-services.js';

const run = promisify(execFile);
const JWT_SECRET = `chaos-${randomBytes(24).toString('hex')}`;

export interface Staff {
  email: string;
  password: string;
  token: string;
  id: string;
}

/** A process of the product (API or worker) started from the compiled build. */
export interface ProductProcess {
  kind: 'api' | 'worker';
  child: ChildProcess;
  pid: number;
  /** For an API: http://127.0.0.1:<port>. */
  baseUrl: string;
  logFile: string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Everything a chaos scenario runs against, all private to this run: a PostgreSQL cluster and a
 * redis-server on free ports, the product compiled once, an SMTP sink, the migrated database with a
 * configured clinic and two staff users, and any number of real API and worker processes.
 */
export class ChaosStack {
  readonly processes: ProductProcess[] = [];
  db!: pg.Pool;
  admin!: Staff;
  officer!: Staff;
  readonly prefix = `prd_chaos_${randomBytes(3).toString('hex')}`;

  private constructor(
    readonly build: Build,
    readonly postgres: PrivatePostgres,
    readonly redis: PrivateRedis,
    readonly sink: SmtpSink,
    readonly runDir: string,
  ) {}

  get databaseUrl(): string {
    return this.postgres.url('prd_chaos_test');
  }

  static async start(options: { smtpDelayMs?: number } = {}): Promise<ChaosStack> {
    const build = buildProduct();
    const runDir = mkdtempSync(join(tmpdir(), 'prd-chaos-run-'));
    const postgres = await PrivatePostgres.start();
    let redis: PrivateRedis | undefined;
    try {
      redis = await PrivateRedis.start();
      const sink = await startSmtpSink({ delayDataMs: options.smtpDelayMs });
      const stack = new ChaosStack(build, postgres, redis, sink, runDir);
      await stack.cli(['migrate']);
      await configureClinic(stack.databaseUrl);
      stack.db = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
      stack.db.on('error', () => undefined); // a restart under test ends idle clients too
      stack.admin = await stack.createUser('admin');
      stack.officer = await stack.createUser('privacy_officer');
      return stack;
    } catch (error) {
      await redis?.stop();
      postgres.stop();
      throw error;
    }
  }

  /** The environment every product process gets. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      REDIS_PREFIX: this.prefix,
      JWT_SECRET,
      SMTP_URL: this.sink.url,
      LOG_LEVEL: 'warn',
      WORKER_LOCK_MS: '2000',
      ...extra,
    };
  }

  async cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const { stdout } = await run(process.execPath, [this.build.entry('cli'), ...args], { env: this.env(env), cwd: this.build.dir });
    return stdout;
  }

  /** A staff user made with the CLI (`users:create`), signed in once the first API runs. */
  private async createUser(role: 'admin' | 'privacy_officer'): Promise<Staff> {
    const email = `chaos-${role.replace('_', '-')}-${randomBytes(3).toString('hex')}@clinic.example`;
    const password = `Chaos-${randomBytes(9).toString('base64url')}-9z`;
    const out = await this.cli(['users:create', '--email', email, '--name', `Chaos ${role}`, '--role', role], { ADMIN_PASSWORD: password });
    const id = /\(id ([0-9a-f-]{36})\)/.exec(out)?.[1];
    if (!id) throw new Error(`users:create said: ${out}`);
    return { email, password, id, token: '' };
  }

  private spawnProduct(kind: 'api' | 'worker', env: NodeJS.ProcessEnv, baseUrl: string): ProductProcess {
    const logFile = join(this.runDir, `${kind}-${this.processes.length}.log`);
    const log = createWriteStream(logFile);
    const args = kind === 'worker' ? ['--max-old-space-size=256', this.build.entry('worker')] : [this.build.entry('api')];
    const child = spawn(process.execPath, args, { env: this.env(env), cwd: this.build.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    const product: ProductProcess = { kind, child, pid: child.pid!, baseUrl, logFile, exited };
    this.processes.push(product);
    return product;
  }

  /** An API process on a free port, resolved once /health answers 200. */
  async startApi(env: NodeJS.ProcessEnv = {}): Promise<ProductProcess> {
    const port = await freePort();
    const api = this.spawnProduct('api', { PORT: String(port), HOST: '127.0.0.1', ...env }, `http://127.0.0.1:${port}`);
    await waitFor(
      async () => {
        if (api.child.exitCode !== null) throw new Error(`the API exited at start: ${this.tail(api)}`);
        return (await fetch(`${api.baseUrl}/health`).catch(() => null))?.status === 200;
      },
      30_000,
      'API /health',
    );
    for (const staff of [this.admin, this.officer]) if (!staff.token) staff.token = await this.login(api, staff);
    return api;
  }

  /** A worker process, resolved once its BullMQ workers are registered in Redis. */
  async startWorker(env: NodeJS.ProcessEnv = {}): Promise<ProductProcess> {
    const before = await this.workerCount();
    const worker = this.spawnProduct('worker', env, '');
    await waitFor(
      async () => {
        if (worker.child.exitCode !== null) throw new Error(`the worker exited at start: ${this.tail(worker)}`);
        return (await this.workerCount()) > before;
      },
      30_000,
      'worker registered',
    );
    return worker;
  }

  /** Processes connected to the documents queue (each worker process has one BullMQ worker per queue). */
  async workerCount(queue: QueueName = QueueName.Documents): Promise<number> {
    const handle = this.queue(queue);
    try {
      return (await handle.getWorkers()).length;
    } catch {
      return 0;
    } finally {
      await handle.close();
    }
  }

  queue(name: QueueName): Queue {
    return new Queue(name, { connection: { ...redisConnection(this.redis.url), maxRetriesPerRequest: 1 }, prefix: this.prefix });
  }

  async login(api: ProductProcess, staff: Staff): Promise<string> {
    const response = await sendRequest(api.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: staff.email, password: staff.password },
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
    return response.body.accessToken as string;
  }

  request(api: ProductProcess, method: string, path: string, body?: unknown, token = this.admin.token): Promise<TestResponse> {
    return sendRequest(api.baseUrl, method, path, { body, token });
  }

  /** SIGKILL, and wait for the exit. */
  async kill(product: ProductProcess): Promise<void> {
    if (product.child.exitCode === null && product.child.signalCode === null) product.child.kill('SIGKILL');
    await product.exited;
  }

  /** SIGTERM (graceful), SIGKILL after 10 s. */
  async stop(product: ProductProcess): Promise<void> {
    if (product.child.exitCode !== null || product.child.signalCode !== null) return;
    product.child.kill('SIGTERM');
    const timer = setTimeout(() => product.child.kill('SIGKILL'), 10_000);
    await product.exited;
    clearTimeout(timer);
  }

  alive(product: ProductProcess): boolean {
    return product.child.exitCode === null && product.child.signalCode === null;
  }

  tail(product: ProductProcess, lines = 20): string {
    try {
      return readFileSync(product.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /**
   * The audit chain verified by the product itself (GET /api/v1/audit-events/verify), once the
   * workers have sealed every event written up to this call. Not "nothing pending": after a load
   * the workers still make letters for a while, each audited, so the queue is rarely empty.
   */
  async verifyAudit(api: ProductProcess): Promise<{ ok: boolean; checked: number; pending: number; firstBadId?: string; reason?: string }> {
    const { rows } = await this.db.query(`SELECT coalesce(max(id), 0)::text AS last FROM audit_events`);
    await waitFor(
      async () =>
        Number((await this.db.query(`SELECT count(*)::int AS n FROM audit_pending WHERE event_id <= $1`, [rows[0].last])).rows[0].n) === 0,
      60_000,
      'every audit event written so far sealed',
    );
    const response = await this.request(api, 'GET', '/api/v1/audit-events/verify');
    if (response.status !== 200) throw new Error(`verify: ${response.status} ${response.text}`);
    return response.body;
  }

  /**
   * Outbox rows written up to now and not yet moved to Redis, once the relay has had `timeoutMs`
   * to catch up (rows the running system writes meanwhile, heartbeats and plans, are not counted).
   */
  async outboxDrained(timeoutMs = 60_000): Promise<number> {
    const asOf = new Date();
    const pending = async () =>
      Number(
        (await this.db.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE dispatched_at IS NULL AND created_at <= $1`, [asOf]))
          .rows[0].n,
      );
    await waitFor(async () => (await pending()) === 0, timeoutMs, 'outbox relayed').catch(() => undefined);
    return pending();
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((product) => this.kill(product)));
    await this.db?.end().catch(() => undefined);
    await this.sink.close();
    await this.redis.stop();
    this.postgres.stop();
    if (process.env.CHAOS_KEEP_LOGS !== '1') rmSync(this.runDir, { recursive: true, force: true });
  }
}

export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Writes test/chaos/results/<scenario>.json and prints the one-line summary. */
export function report(scenario: string, line: string, figures: Record<string, unknown>): void {
  const dir = resolve(__dirname, '../results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${scenario}.json`),
    `${JSON.stringify({ scenario, summary: line, at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
  process.stdout.write(`chaos: ${line}\n`);
}
