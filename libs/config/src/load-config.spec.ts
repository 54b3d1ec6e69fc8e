import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('gives working defaults for a developer machine', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/patient_rights');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.port).toBe(3000);
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(config.organisation.timeZone).toBe('America/New_York');
  });

  it('reads and converts the variables it knows', () => {
    const config = loadConfig({ PORT: '8080', ORG_TZ: 'America/Los_Angeles', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.http.port).toBe(8080);
    expect(config.organisation.timeZone).toBe('America/Los_Angeles');
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    ['DATABASE_URL', 'nonsense'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['PORT', 'eighty'],
    ['ORG_TZ', 'Mars/Olympus_Mons'],
    ['JWT_SECRET', 'short'],
    ['NODE_ENV', 'staging'],
  ])('stops with one line naming %s when it is malformed', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('requires JWT_SECRET in production: secrets have no defaults there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).jwt.secret).toBe('x'.repeat(40));
  });

  it('never quotes a secret value in its error', () => {
    expect(() => loadConfig({ JWT_SECRET: 'hunter2' })).toThrow(ConfigError);
    try {
      loadConfig({ JWT_SECRET: 'hunter2' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
