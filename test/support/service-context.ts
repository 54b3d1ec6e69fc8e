import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '#audit';
import { ConfigModule, type AppConfig } from '#config';
import { PersistenceModule } from '#persistence';

/** Services with their real repositories on a test database, without HTTP (integration tier). */
@Module({})
class ServiceTestModule {
  static forRoot(config: AppConfig, imports: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: ServiceTestModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), AuditModule, ...(imports ?? [])],
    };
  }
}

export async function createServiceContext(config: AppConfig, imports: DynamicModule['imports'] = []): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(ServiceTestModule.forRoot(config, imports), {
    logger: false,
    abortOnError: false,
  });
  await app.init();
  return app;
}
