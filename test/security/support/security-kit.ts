import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestApi } from '../../support/api-app.js';

/** What an in-process call (Fastify inject) answered. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape
}

export interface InjectOptions {
  token?: string;
  /** A JSON value (serialised here), or a raw string sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The client address Fastify sees (rate limits are per address). */
  remoteAddress?: string;
}

/** One call through the whole app in this process: routing, guards, pipes, services, PostgreSQL; no socket. */
export async function inject(api: TestApi, method: string, url: string, options: InjectOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await api.app.inject({
    method: method as 'GET',
    url,
    headers,
    payload,
    remoteAddress: options.remoteAddress,
  });
  const text = response.body;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text, body };
}

/** The seed of this run's properties: FC_SEED to replay a failure, else a fresh one (always printed). */
export function runSeed(): number {
  const given = process.env.FC_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${given}`);
    return seed;
  }
  return Math.floor(Math.random() * 0x7fffffff);
}

/** Cases per endpoint: 1,000 (issue #11). FC_RUNS changes it for a local replay or a longer hunt; CI leaves it unset. */
export const RUNS_PER_ENDPOINT = Number(process.env.FC_RUNS ?? 1000);

/** One line per scenario, on stdout, so a run's log says what was injected and what was verified. */
export function say(line: string): void {
  process.stdout.write(`security: ${line}\n`);
}

/**
 * The state of the data: every table of the public schema, its row count and a
 * hash of its contents. Refused input must leave it unchanged. The audit trail
 * (audit_events, audit_pending) is included on purpose: input refused at the
 * edge or by the rules is refused before any audited work starts, so it must
 * leave no audit event either. (Failed sign-ins are audited by design; the
 * hostile login bodies here never reach the credential check.)
 */
export class DataFingerprint {
  private constructor(private readonly client: pg.Client) {}

  static async open(api: TestApi): Promise<DataFingerprint> {
    const client = new pg.Client({ connectionString: api.database.url });
    await client.connect();
    return new DataFingerprint(client);
  }

  get db(): pg.Client {
    return this.client;
  }

  async take(): Promise<Record<string, string>> {
    const { rows: tables } = await this.client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'typeorm_metadata') ORDER BY 1`,
    );
    const parts = tables.map(
      ({ name }) =>
        `SELECT '${name}' AS name, count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS print FROM "${name}" t`,
    );
    const { rows } = await this.client.query<{ name: string; print: string }>(parts.join(' UNION ALL '));
    return Object.fromEntries(rows.map((row) => [row.name, row.print]));
  }

  /** Tables whose rows differ between two fingerprints. */
  static diff(before: Record<string, string>, after: Record<string, string>): string[] {
    const names = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...names].filter((name) => before[name] !== after[name]).sort();
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Figures of one test file, written to test/security/results/<name>.json at the end. */
export class ResultFile {
  private readonly scenarios: Record<string, unknown>[] = [];

  constructor(private readonly name: string) {}

  add(scenario: Record<string, unknown>): void {
    this.scenarios.push(scenario);
  }

  write(): string {
    const dir = resolve('test/security/results');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${this.name}.json`);
    writeFileSync(
      path,
      `${JSON.stringify({ file: this.name, finishedAt: new Date().toISOString(), scenarios: this.scenarios }, null, 2)}\n`,
    );
    return path;
  }
}

/** A problem document as api.md promises: status 4xx, application/problem+json. */
export function isProblem4xx(answer: Answer): boolean {
  return answer.status >= 400 && answer.status < 500 && answer.contentType.startsWith('application/problem+json');
}
