import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#auth';
import { AppConfig, ConfigModule } from '#config';
import { PersistenceModule } from '#persistence';

/** What CLI commands that need services get: configuration, database, users. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), AuthModule] };
  }
}
