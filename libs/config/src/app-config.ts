import type { EnvSchema, NodeEnv } from './env.schema.js';

/**
 * The validated configuration, grouped by concern. Consumers inject this
 * class and never read process.env themselves.
 */
export class AppConfig {
  readonly env: NodeEnv;
  readonly http: { host: string; port: number; bodyLimitBytes: number; corsOrigins: string[] };
  readonly database: { url: string };
  readonly redis: { url: string; prefix: string };
  readonly jwt: { secret: string; ttlSeconds: number };
  readonly organisation: { timeZone: string; jurisdiction: string | null; kind: 'provider' | 'health_plan' };
  readonly deadlines: { overlays: string[] };
  readonly log: { level: string };
  readonly exports: { ttlHours: number };
  readonly reminders: { offsetsDays: number[]; sendAt: string };
  readonly mail: { smtpUrl: string | null; from: string };
  readonly publicBaseUrl: string;
  readonly webhook: { url: string; secret: string } | null;
  readonly metrics: { token: string | null };
  readonly worker: { lockMs: number };

  constructor(env: EnvSchema) {
    this.env = env.NODE_ENV;
    this.http = {
      host: env.HOST,
      port: env.PORT,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      corsOrigins: (env.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    };
    this.database = { url: env.DATABASE_URL };
    this.redis = { url: env.REDIS_URL, prefix: env.REDIS_PREFIX };
    this.jwt = { secret: env.JWT_SECRET as string, ttlSeconds: env.JWT_TTL_SECONDS };
    this.organisation = { timeZone: env.ORG_TZ, jurisdiction: env.ORG_JURISDICTION?.toUpperCase() ?? null, kind: env.ORG_KIND };
    this.deadlines = { overlays: (env.DEADLINE_OVERLAYS ?? '').split(',').filter(Boolean) };
    this.log = { level: env.LOG_LEVEL };
    this.exports = { ttlHours: env.EXPORT_TTL_HOURS };
    this.reminders = {
      offsetsDays: [...new Set(env.REMINDER_OFFSETS_DAYS.split(',').map(Number))].sort((a, b) => b - a),
      sendAt: env.REMINDER_SEND_AT,
    };
    this.mail = { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM };
    this.publicBaseUrl = env.PUBLIC_BASE_URL.replace(/\/+$/, '');
    this.webhook = env.WEBHOOK_URL ? { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET as string } : null;
    this.metrics = { token: env.METRICS_TOKEN ?? null };
    this.worker = { lockMs: env.WORKER_LOCK_MS };
  }

  /** A copy with some values replaced: tests point the app at their own database. */
  with(overrides: { database?: Partial<AppConfig['database']>; redis?: Partial<AppConfig['redis']> }): AppConfig {
    const copy = Object.create(AppConfig.prototype) as AppConfig;
    Object.assign(copy, this, {
      database: { ...this.database, ...overrides.database },
      redis: { ...this.redis, ...overrides.redis },
    });
    return copy;
  }
}
