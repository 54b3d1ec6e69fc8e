/**
 * Where the tests find PostgreSQL and Redis. Each test file gets its own
 * database cloned from a migrated template, and its own Redis key prefix.
 */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_DATABASE = 'prd_test_template';

export function urlForDatabase(name: string): string {
  // Refuse anything that is not obviously a test database (domain-driven-hexagon's guard).
  if (!name.includes('test')) throw new Error(`refusing to use database "${name}": test databases must have "test" in their name`);
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
