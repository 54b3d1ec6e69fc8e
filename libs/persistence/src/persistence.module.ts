import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#config';
import { dataSourceOptions } from './data-source-options.js';
import { DisclosuresRepository } from './repositories/disclosures.repository.js';
import { LetterSourcesRepository } from './repositories/letter-inputs.repository.js';
import { RequestsRepository } from './repositories/requests.repository.js';

/** The TypeORM connection for a Nest app, from the shared options. */
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => dataSourceOptions(config.database.url),
        }),
      ],
      providers: [RequestsRepository, LetterSourcesRepository, DisclosuresRepository],
      exports: [TypeOrmModule, RequestsRepository, LetterSourcesRepository, DisclosuresRepository],
    };
  }
}
