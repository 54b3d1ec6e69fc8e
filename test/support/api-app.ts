import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#config';
import { createApiApp } from '../../apps/api/src/bootstrap/create-api-app.js';
import { LogCapture } from './log-capture.js';
import { findLeakedSecret } from './secret-registry.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { testConfig } from './test-config.js';
import { configureClinic } from './clinic.js';

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  logs: LogCapture;
  baseUrl: string;
  /** fetch against the running API, JSON in and out. */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape
  text: string;
}

/** The whole API on a free port, with its own database and captured logs; a configured clinic unless `bare`. */
export async function startTestApi(env: NodeJS.ProcessEnv = {}, options: { bare?: boolean } = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  if (!options.bare) await configureClinic(database.url);
  const config = testConfig(database.url, env);
  const logs = new LogCapture();
  const app = await createApiApp({ config, logDestination: logs });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    database,
    logs,
    baseUrl,
    request: (method, path, options = {}) => sendRequest(baseUrl, method, path, options),
    async close() {
      await app.close();
      await database.drop();
      const leaked = findLeakedSecret(logs.text());
      if (leaked) throw new Error(`a secret or patient name reached the API log: ${leaked}`);
      if (/Bearer [A-Za-z0-9_-]{10,}/.test(logs.text())) throw new Error('a bearer token reached the API log');
    },
  };
}

export async function sendRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body, text };
}
