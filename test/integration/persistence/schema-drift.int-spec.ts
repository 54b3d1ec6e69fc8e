import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { ENTITIES, dataSourceOptions, findSchemaDrift, pendingMigrations } from '#persistence';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/** Stands for a developer's change: a new column on worker_heartbeats with no migration. */
@Entity({ name: 'worker_heartbeats' })
class WorkerHeartbeatWithNewColumn {
  @PrimaryColumn({ name: 'worker_id', type: 'text', primaryKeyConstraintName: 'pk_worker_heartbeats' })
  workerId: string;

  @Column({ name: 'beat_at', type: 'timestamptz' })
  beatAt: Date;

  @Column({ name: 'hostname', type: 'text', nullable: true })
  hostname: string | null;
}

describe('migration drift check', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  async function withDataSource<T>(entities: Function[], work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = await new DataSource({ ...dataSourceOptions(database.url), entities }).initialize();
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('finds nothing when the entities match the migrations, and no migration pending', async () => {
    await withDataSource(ENTITIES, async (dataSource) => {
      expect(await findSchemaDrift(dataSource)).toEqual([]);
      expect(await pendingMigrations(dataSource)).toEqual([]);
    });
  });

  it('fails when an entity changes without a migration, naming the SQL it would need', async () => {
    const entities = ENTITIES.filter((entity) => entity.name !== 'WorkerHeartbeat').concat(WorkerHeartbeatWithNewColumn as never);
    await withDataSource(entities, async (dataSource) => {
      const drift = await findSchemaDrift(dataSource);
      expect(drift.join('\n')).toContain('ADD "hostname" text');
    });
  });
});
