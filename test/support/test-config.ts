import { loadConfig, type AppConfig } from '#config';
import { TEST_REDIS_URL } from '../setup/test-env.js';
import { uniqueRedisPrefix } from './test-database.js';

/** Configuration for an app under test: its own database and Redis prefix, quiet unless asked. */
export function testConfig(databaseUrl: string, env: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: uniqueRedisPrefix(),
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: 'info',
    ...env,
  });
}
