import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#auth';
import { AppConfig, ConfigModule } from '#config';
import { PersistenceModule } from '#persistence';
import { DisclosuresModule } from '../../api/src/disclosures/disclosures.module.js';
import { OrganisationModule } from '../../api/src/organisation/organisation.module.js';
import { RequestsModule } from '../../api/src/requests/requests.module.js';

/** What CLI commands that need services get: configuration, database, users, and (for the seed) requests. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, options: { withRequests?: boolean } = {}): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(),
        AuthModule,
        ...(options.withRequests ? [RequestsModule, OrganisationModule, DisclosuresModule] : []),
      ],
    };
  }
}
