import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditSealer, AuditService, AuditVerifier } from '#audit';
import { createServiceContext } from '../../support/service-context.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { testConfig } from '../../support/test-config.js';

describe('audit log: append-only and hash-chained (45 CFR 164.312(b))', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let audit: AuditService;
  let sealer: AuditSealer;
  let verifier: AuditVerifier;

  beforeEach(async () => {
    database = await createTestDatabase();
    app = await createServiceContext(testConfig(database.url));
    dataSource = app.get(getDataSourceToken());
    audit = app.get(AuditService);
    sealer = app.get(AuditSealer);
    verifier = app.get(AuditVerifier);
  });

  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  async function write(count: number, action = 'user.update'): Promise<void> {
    await Promise.all(
      Array.from({ length: count }, (_, index) =>
        dataSource.transaction((manager) =>
          audit.record(
            manager,
            { actor: 'user:6f1c1a4e-0000-4000-8000-000000000001', requestId: `r${index}` },
            { action, targetType: 'user', targetId: String(index) },
          ),
        ),
      ),
    );
  }

  /** Runs a statement as a superuser who switched the triggers off, as an attacker with full rights would. */
  async function asSuperuserBypassingTriggers(sql: string, params: unknown[] = []): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(sql, params);
    });
  }

  it('200 parallel writers and two concurrent sealers make one unbroken chain', async () => {
    const writing = write(200);
    const sealing = Promise.all([sealer.sealPending(), sealer.sealPending()]);
    await Promise.all([writing, sealing]);
    await sealer.sealPending();
    const result = await verifier.verify();
    expect(result).toEqual({ ok: true, checked: 200, pending: 0 });
    const [{ count, min, max }] = await dataSource.query(
      `SELECT count(*)::int AS count, min(seq)::int AS min, max(seq)::int AS max FROM audit_chain`,
    );
    expect({ count, min, max }).toEqual({ count: 200, min: 1, max: 200 });
  });

  it('reports events not yet sealed as pending, not as broken', async () => {
    await write(3);
    expect(await verifier.verify()).toEqual({ ok: true, checked: 0, pending: 3 });
    await sealer.sealPending();
    expect(await verifier.verify()).toEqual({ ok: true, checked: 3, pending: 0 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE through its triggers, even for the table owner', async () => {
    await write(1);
    await sealer.sealPending();
    await expect(dataSource.query(`UPDATE audit_events SET outcome = 'failure'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_events CASCADE`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`UPDATE audit_chain SET hash = repeat('0', 64)`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
  });

  it('gives the application role INSERT and SELECT only on the log', async () => {
    await write(1);
    await dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE prd_app`);
      await manager.query(`SELECT count(*) FROM audit_events`);
      await manager.query(`SAVEPOINT before_update`);
      await expect(manager.query(`UPDATE audit_events SET outcome = 'failure'`)).rejects.toThrow(/permission denied/);
      await manager.query(`ROLLBACK TO SAVEPOINT before_update`);
      await expect(manager.query(`ALTER TABLE audit_events DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner|permission denied/);
    });
  });

  it('detects an edited row and names it', async () => {
    await write(5);
    await sealer.sealPending();
    const [{ id }] = await dataSource.query(`SELECT id::text AS id FROM audit_events ORDER BY id OFFSET 2 LIMIT 1`);
    await asSuperuserBypassingTriggers(`UPDATE audit_events SET outcome = 'failure' WHERE id = $1`, [id]);
    expect(await verifier.verify()).toMatchObject({ ok: false, firstBadId: id, reason: 'hash_mismatch', checked: 2 });
  });

  it('detects a deleted event', async () => {
    await write(5);
    await sealer.sealPending();
    const [{ id }] = await dataSource.query(`SELECT id::text AS id FROM audit_events ORDER BY id OFFSET 3 LIMIT 1`);
    await asSuperuserBypassingTriggers(`DELETE FROM audit_events WHERE id = $1`, [id]);
    expect(await verifier.verify()).toMatchObject({ ok: false, firstBadId: id, reason: 'event_missing' });
  });

  it.each([3, 5])('detects a deleted chain link (position %i of 5) and names its event', async (seq) => {
    await write(5);
    await sealer.sealPending();
    const [link] = await dataSource.query(`SELECT event_id::text AS id FROM audit_chain WHERE seq = $1`, [seq]);
    await asSuperuserBypassingTriggers(`DELETE FROM audit_chain WHERE seq = $1`, [seq]);
    expect(await verifier.verify()).toMatchObject({ ok: false, firstBadId: link.id, reason: 'link_missing' });
  });

  it('detects two links swapped (reordering)', async () => {
    await write(4);
    await sealer.sealPending();
    const links = await dataSource.query(
      `SELECT seq::text AS seq, event_id::text AS event_id FROM audit_chain WHERE seq IN (2, 3) ORDER BY seq`,
    );
    await asSuperuserBypassingTriggers(`UPDATE audit_chain SET event_id = -event_id WHERE seq IN (2, 3)`);
    await asSuperuserBypassingTriggers(`UPDATE audit_chain SET event_id = $1 WHERE seq = 2`, [links[1].event_id]);
    await asSuperuserBypassingTriggers(`UPDATE audit_chain SET event_id = $1 WHERE seq = 3`, [links[0].event_id]);
    expect(await verifier.verify()).toMatchObject({ ok: false, firstBadId: links[1].event_id, reason: 'hash_mismatch' });
  });

  it('verifies a time range starting from the stored hash before it', async () => {
    await write(3);
    await sealer.sealPending();
    const [{ at }] = await dataSource.query(`SELECT max(occurred_at) AS at FROM audit_events`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const from = new Date();
    await write(2, 'auth.login');
    await sealer.sealPending();
    expect(at.getTime()).toBeLessThan(from.getTime());
    expect(await verifier.verify({ from })).toEqual({ ok: true, checked: 2, pending: 0 });
  });

  it('refuses details named like patient data: ids only', async () => {
    await expect(
      dataSource.transaction((manager) =>
        audit.record(manager, { actor: 'system:test' }, { action: 'x', targetType: 'y', details: { givenName: 'Ada' } }),
      ),
    ).rejects.toThrow(/ids only/);
  });
});
