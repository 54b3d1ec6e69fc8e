import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '#config';
import { UsersService } from '#auth';
import type { User } from '#persistence';
import { ApiModule } from '../apps/api/src/api.module.js';

/** The bench's staff password (synthetic; the bench databases hold no one real). */
export const BENCH_PASSWORD = 'Tr0ub4dor-Quill-2026!';

/** The API's services on the dataset's database, without HTTP, logging nowhere. */
export function benchApiContext(base: AppConfig, databaseUrl: string): Promise<INestApplicationContext> {
  const config = benchConfig(base, databaseUrl);
  return NestFactory.createApplicationContext(ApiModule.forRoot({ config, logDestination: { write: () => true } as never }), {
    logger: false,
    abortOnError: false,
  });
}

/** The configuration for a bench process: the dataset's database and a Redis prefix of its own. */
export function benchConfig(base: AppConfig, databaseUrl: string): AppConfig {
  return base.with({ database: { url: databaseUrl }, redis: { prefix: `prd_bench_${process.pid}` } });
}

/** A privacy officer of this run (one per process, so runs never collide on the email). */
export function benchOfficer(app: INestApplicationContext, label: string): Promise<User> {
  return app
    .get(UsersService)
    .create(
      { actor: 'system:bench' },
      { email: `${label}-${process.pid}@clinic.example`, name: 'Bench Officer', roles: ['privacy_officer'], password: BENCH_PASSWORD },
    );
}
