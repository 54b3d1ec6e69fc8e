import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config.js';
import { EnvSchema, isTimeZone } from './env.schema.js';

/** Thrown when the environment is wrong; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(error: ValidationError): string {
  const reasons = Object.values(error.constraints ?? {});
  return `${error.property}: ${reasons[0] ?? 'is invalid'}`;
}

/** Variables with no default (so not among EnvSchema's own keys until set). */
const OPTIONAL_VARIABLES = [
  'JWT_SECRET',
  'CORS_ORIGINS',
  'ORG_JURISDICTION',
  'DEADLINE_OVERLAYS',
  'SMTP_URL',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
  'METRICS_TOKEN',
];

/** A development fallback so `npm start` works without a .env file; never used in production. */
const DEVELOPMENT_JWT_SECRET = 'development-only-secret-never-use-in-production';

/**
 * Validates `env` (default: process.env) and returns the typed configuration.
 * Only the variables of EnvSchema are read; empty strings count as unset.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(new EnvSchema())) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of OPTIONAL_VARIABLES) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration: ${errors.map(describe).join('; ')}`);
  }
  if (!isTimeZone(parsed.ORG_TZ)) {
    throw new ConfigError(`Invalid configuration: ORG_TZ: "${parsed.ORG_TZ}" is not a time zone this system knows`);
  }
  if (parsed.JWT_SECRET === undefined) parsed.JWT_SECRET = DEVELOPMENT_JWT_SECRET;
  return new AppConfig(parsed);
}
