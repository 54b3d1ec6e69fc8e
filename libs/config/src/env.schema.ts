import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

/** True when `zone` is an IANA time-zone name this Node.js knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/**
 * Every environment variable the service reads, in one validated class.
 * Defaults make `npm start` work on a developer machine; in production the
 * secrets have none, so a missing one stops the process at boot.
 */
export class EnvSchema {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/patient_rights';

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so that several deployments (or test runs) share one Redis. */
  @Matches(/^[a-z0-9:_-]{1,40}$/i, { message: 'REDIS_PREFIX must be 1-40 letters, digits, ":", "_" or "-"' })
  REDIS_PREFIX = 'prd';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** The organisation's IANA time zone: deadlines are counted in its calendar days. */
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, { message: 'ORG_TZ must be an IANA time zone such as America/New_York' })
  ORG_TZ = 'America/New_York';

  /** Where the organisation is (e.g. US-CA): stricter state deadlines apply on top of HIPAA's. */
  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Z]{2}$/i, { message: 'ORG_JURISDICTION must look like US-CA' })
  ORG_JURISDICTION?: string;

  /** Opt-in deadline overlays, comma-separated (e.g. hhs-nprm-2021 for the proposed 15-day access rule). */
  @IsOptional()
  @Matches(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'DEADLINE_OVERLAYS must be a comma-separated list such as hhs-nprm-2021' })
  DEADLINE_OVERLAYS?: string;

  /** A health plan may require an endangerment statement for confidential communications (164.522(b)(1)(ii)). */
  @IsIn(['provider', 'health_plan'])
  ORG_KIND: 'provider' | 'health_plan' = 'provider';

  @ValidateIf((env: EnvSchema) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest accepted request body, in bytes (413 beyond it). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** How long a finished compliance export can be downloaded, in hours; then its file is deleted. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  EXPORT_TTL_HOURS = 72;

  /** Days before the due date at which staff are reminded, comma-separated (a "due today" alert always follows). */
  @Matches(/^\d{1,2}(,\d{1,2})*$/, { message: 'REMINDER_OFFSETS_DAYS must be a comma-separated list of days such as 7,3,1' })
  REMINDER_OFFSETS_DAYS = '7,3,1';

  /** Local time (ORG_TZ) at which reminders, escalations and the daily digest go out. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'REMINDER_SEND_AT must be a time such as 08:00' })
  REMINDER_SEND_AT = '08:00';

  /** SMTP server for notification email (smtp://user:pass@host:587); unset: email is off, in-app notices still work. */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Patient Rights Desk <no-reply@localhost>';

  /** Where people reach this service, for links in email (the portal, the request in the admin API). */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

  /** Optional webhook for other systems: reminders and escalations are POSTed here, signed with WEBHOOK_SECRET (HMAC-SHA256). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  WEBHOOK_URL?: string;

  @ValidateIf((env: EnvSchema) => env.WEBHOOK_URL !== undefined)
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SECRET must be at least 32 characters when WEBHOOK_URL is set' })
  WEBHOOK_SECRET?: string;

  /** If set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** How long a worker holds a job before another may take it over if it died (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  WORKER_LOCK_MS = 30_000;

  /** Origins allowed to call the API from a browser; empty means CORS is closed. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;
}

/** Variables that are secrets: never printed, not even in a validation error. */
export const SECRET_VARIABLES: ReadonlySet<keyof EnvSchema> = new Set([
  'JWT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'WEBHOOK_SECRET',
  'METRICS_TOKEN',
]);
