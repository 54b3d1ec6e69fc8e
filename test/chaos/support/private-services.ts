import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const PG_BIN = process.env.CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}

/** A PostgreSQL binary, as the postgres user when we are root (the server refuses to run as root). */
function commandLine(binary: string, args: string[]): [string, string[]] {
  const command = join(PG_BIN, binary);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

function asPostgres(binary: string, args: string[]): string {
  const [file, argv] = commandLine(binary, args);
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The same without blocking the event loop: traffic keeps flowing while the server restarts. */
async function asPostgresAsync(binary: string, args: string[]): Promise<string> {
  const [file, argv] = commandLine(binary, args);
  return (await promisify(execFile)(file, argv, { encoding: 'utf8' })).stdout;
}

/**
 * A PostgreSQL cluster of our own: initdb into a temp dir, trust auth, a free port on loopback,
 * its socket in its own directory. Never the machine's server on 5432, which others are using.
 * fsync, synchronous_commit and full_page_writes are off: a chaos run measures the product's
 * behaviour under faults, not the disk; a crash of this throwaway cluster may lose its data.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'prd-chaos-pg-'));
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    asPostgres('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const pg = new PrivatePostgres(dir, await freePort());
    pg.ctl('start');
    return pg;
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private ctlArgs(command: 'start' | 'restart' | 'stop', mode = 'fast'): string[] {
    const options = [
      `-p ${this.port}`,
      `-c listen_addresses=127.0.0.1`,
      `-c unix_socket_directories=${this.dir}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=128MB',
    ].join(' ');
    const args = ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'server.log'), '-w', '-t', '60', '-m', mode];
    return command === 'stop' ? ['stop', ...args] : [command, ...args, '-o', options];
  }

  private ctl(command: 'start' | 'restart' | 'stop', mode = 'fast'): void {
    asPostgres('pg_ctl', this.ctlArgs(command, mode));
  }

  /** `pg_ctl restart -m fast`: every session is terminated, in-flight transactions roll back. Returns seconds taken. */
  async restart(): Promise<number> {
    const started = Date.now();
    await asPostgresAsync('pg_ctl', this.ctlArgs('restart'));
    return (Date.now() - started) / 1000;
  }

  stop(): void {
    try {
      this.ctl('stop', 'immediate');
    } catch {
      /* already down */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A redis-server of our own on a free port, with no persistence: a restart loses everything, as a flush does. */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(mkdtempSync(join(tmpdir(), 'prd-chaos-redis-')), await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--protected-mode', 'no'],
      { stdio: 'ignore' },
    );
    const started = Date.now();
    for (;;) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      const ok = await client
        .connect()
        .then(() => client.ping())
        .then(() => true)
        .catch(() => false);
      client.disconnect();
      if (ok) return;
      if (Date.now() - started > 10_000) throw new Error('the private redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops the server (SIGTERM: it exits without saving) and starts it again, empty. Returns seconds taken. */
  async restart(downMs = 1_000): Promise<number> {
    const started = Date.now();
    await this.kill();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.launch();
    return (Date.now() - started) / 1000;
  }

  async flushAll(): Promise<void> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
  }

  private async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
