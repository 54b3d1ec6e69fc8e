import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { loggableError, toProblem } from './problem-details.filter.js';

describe('toProblem', () => {
  it('turns an HTTP exception into a problem with its status and title', () => {
    expect(toProblem(new NotFoundException())).toMatchObject({ status: 404, title: 'Not found' });
    expect(toProblem(new ConflictException({ code: 'STALE_VERSION', detail: 'changed' }))).toMatchObject({
      status: 409,
      code: 'STALE_VERSION',
      detail: 'changed',
      type: 'https://patient-rights-desk.dev/problems/stale-version',
    });
  });

  it('keeps field errors of a validation failure', () => {
    const problem = toProblem(
      new UnprocessableEntityException({ title: 'Invalid input', errors: [{ field: 'email', message: 'email must be an email' }] }),
    );
    expect(problem.errors).toEqual([{ field: 'email', message: 'email must be an email' }]);
  });

  it('makes an unexpected error an opaque 500 with an error id and nothing of the cause', () => {
    const problem = toProblem(new Error('secret table users_passwords broke for Ada Lovelace'));
    expect(problem.status).toBe(500);
    expect(problem.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(problem)).not.toMatch(/Ada|users_passwords/);
    expect(problem.detail).toContain(problem.errorId);
  });

  it('makes a lost database or Redis connection a 503 to retry, not a 500', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      name: 'QueryFailedError',
      code: '57P01',
      driverError: {},
    });
    expect(toProblem(terminated)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(toProblem(terminated).errorId).toBeUndefined();
    expect(toProblem(new Error('Connection terminated unexpectedly'))).toMatchObject({ status: 503 });
    expect(toProblem(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({
      status: 503,
    });
    expect(toProblem({ message: 'query failed', driverError: { code: '08006' } })).toMatchObject({ status: 503 });
    expect(toProblem(new Error('Connection is closed.'))).toMatchObject({ status: 503 });
    const released = Object.assign(new Error('Query runner already released.'), { name: 'QueryRunnerAlreadyReleasedError' });
    expect(toProblem(released)).toMatchObject({ status: 503 });
    // A constraint violation is not an outage.
    expect(toProblem(Object.assign(new Error('duplicate key'), { code: '23505', driverError: {} })).status).toBe(500);
  });

  it('maps Fastify client errors by their status', () => {
    expect(toProblem(Object.assign(new Error('too big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }))).toMatchObject({
      status: 413,
    });
  });
});

describe('loggableError', () => {
  it('keeps a database error code but not its message or parameters, which may quote patient data', () => {
    const dbError = Object.assign(new Error('duplicate key (email)=(ada@example.test)'), {
      name: 'QueryFailedError',
      code: '23505',
      driverError: {},
      parameters: ['ada@example.test'],
    });
    const logged = loggableError(dbError);
    expect(logged).toMatchObject({ kind: 'QueryFailedError', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('ada@example.test');
  });
});
