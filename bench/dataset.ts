import 'reflect-metadata';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { GENESIS_HASH, linkHash } from '#audit';
import { MACHINES, type RequestType } from '#domain';
import { dataSourceOptions, dropDatabase, ensureDatabase } from '#persistence';
import { MIGRATIONS } from '../migrations/index.js';

/**
 * The realistic dataset of issue #10, built with COPY (not the API) into a
 * database of its own, and kept between runs: a run reuses it while its
 * version and the schema's migrations are unchanged (BENCH_RESEED=1 forces a
 * rebuild). Two sizes, so every path that reads or writes these tables is
 * measured at both and a reader sees how its cost grows.
 */
export interface DatasetSize {
  requests: number;
  disclosures: number;
  auditEvents: number;
  /** Patients with many requests each (the rest of the requests are theirs)... */
  busyPatients: number;
  /** ...and patients with exactly one request. */
  singlePatients: number;
}

export const DATASETS = {
  '100k': { requests: 100_000, disclosures: 500_000, auditEvents: 100_000, busyPatients: 200, singlePatients: 20_000 },
  '1m': { requests: 1_000_000, disclosures: 5_000_000, auditEvents: 1_000_000, busyPatients: 2_000, singlePatients: 200_000 },
} satisfies Record<string, DatasetSize>;

export type DatasetName = keyof typeof DATASETS;

/** Bump when the generated rows change, so a kept dataset is rebuilt. */
const VERSION = 2;

export interface Dataset {
  name: DatasetName;
  url: string;
  size: DatasetSize;
  /** Seconds the seeding took in this run; 0 when a kept dataset was reused. */
  seededSeconds: number;
}

/** The dataset's database, seeded now unless a current one is kept from an earlier run. */
export async function openDataset(name: DatasetName, serverUrl: string): Promise<Dataset> {
  const url = new URL(serverUrl);
  url.pathname = `/prd_bench_data_${name}`;
  const size = DATASETS[name];
  const migrations = MIGRATIONS.map((migration) => migration.name).join(',');
  if (process.env.BENCH_RESEED !== '1' && (await isCurrent(url.toString(), migrations))) {
    await configureClinic(url.toString());
    return { name, url: url.toString(), size, seededSeconds: 0 };
  }
  const started = process.hrtime.bigint();
  await dropDatabase(url.toString());
  await ensureDatabase(url.toString());
  const dataSource = await new DataSource(dataSourceOptions(url.toString())).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await seed(client, size);
    await configureClinic(url.toString());
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await client.query(`CREATE TABLE bench_dataset (version int NOT NULL, migrations text NOT NULL, seeded_seconds numeric NOT NULL)`);
    await client.query(`INSERT INTO bench_dataset VALUES ($1, $2, $3)`, [VERSION, migrations, seconds]);
    return { name, url: url.toString(), size, seededSeconds: Math.round(seconds * 10) / 10 };
  } finally {
    await client.end();
  }
}

/**
 * Vacuums what the write paths (intake, actions) left in the requests and their timeline, so that a
 * read path's two sides start from the same state and neither meets autovacuum halfway.
 */
export async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`VACUUM (ANALYZE) requests, request_events, audit_events, audit_pending`);
  } finally {
    await client.end();
  }
}

async function isCurrent(url: string, migrations: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return false; // no such database yet
  }
  try {
    const { rows } = await client.query(`SELECT version, migrations FROM bench_dataset`);
    return rows.length === 1 && rows[0].version === VERSION && rows[0].migrations === migrations;
  } catch {
    return false; // a seeding that did not finish
  } finally {
    await client.end();
  }
}

/** The organisation profile and a notice, as an admin sets them up on a new install (intake needs them). */
async function configureClinic(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const address = { line1: '100 Example Avenue', city: 'Springfield', state: 'NY', postalCode: '10001' };
    await client.query(
      `INSERT INTO organisation_profile (id, legal_name, address, privacy_officer, complaints_address, hhs, language_default, updated_by)
       VALUES (1, 'Example Community Clinic', $1, $2, $1, $3, 'en', 'system:bench-seed') ON CONFLICT (id) DO NOTHING`,
      [
        address,
        { name: 'Pat Privacy', title: 'Privacy Officer', phone: '(555) 010-0100', email: 'privacy@clinic.example' },
        { address: 'U.S. Department of Health and Human Services, Washington, D.C. 20201', web: 'https://www.hhs.gov/ocr/complaints' },
      ],
    );
    await client.query(
      `INSERT INTO privacy_notices (version, effective_on, language, sections, created_by)
       SELECT '2026-02-16', '2026-02-16', 'en', $1, 'system:bench-seed' WHERE NOT EXISTS (SELECT 1 FROM privacy_notices)`,
      [JSON.stringify([{ heading: 'Your rights', paragraphs: ['You can get a copy of your health records.'] }])],
    );
  } finally {
    await client.end();
  }
}

const DAY = 86_400_000;
const TYPES = Object.keys(MACHINES) as RequestType[];
const GIVEN = ['Avery', 'Jordan', 'Riley', 'Casey', 'Morgan', 'Quinn', 'Rowan', 'Sage', 'Emery', 'Finley'];
const FAMILY = ['Testwood', 'Samplestone', 'Fictiva', 'Placeholm', 'Demoford', 'Mockridge', 'Synthby', 'Exampleton'];
const PURPOSES = ['public health reporting', 'court order', 'health oversight audit', 'law enforcement request', 'research waiver'];
const RECIPIENTS = ['County Health Department', 'Superior Court Clerk', 'State Medical Board', 'City Police Records', 'University IRB'];
const CATEGORIES = ['public_health', 'judicial', 'health_oversight', 'law_enforcement', 'research'];
const ACTIONS = ['request.read', 'request.list', 'request.action', 'disclosure.record', 'letter.download'];

/** The terminal state a closed request of each type ends in: the first one its machine lists. */
function closedStatus(type: RequestType): string {
  const machine = MACHINES[type];
  const terminal = Object.entries(machine.states).find(([, state]) => (state as { terminal?: boolean }).terminal);
  if (!terminal) throw new Error(`request type ${type} has no terminal state`);
  return terminal[0];
}

async function seed(client: pg.Client, size: DatasetSize): Promise<void> {
  // Seeding writes rows that are consistent by construction: skip the triggers (audit queue,
  // foreign-key checks) for this session only, as pg_restore does.
  await client.query(`SET session_replication_role = replica`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  const now = Date.now();
  const patients = Array.from({ length: size.busyPatients + size.singlePatients }, (_, n) => sequentialUuid(1, n));
  await copy(
    client,
    'patients (id, given_name, family_name, date_of_birth, mrn, email)',
    rows(patients.length, (n) => {
      const birth = new Date(Date.UTC(1940 + (n % 70), n % 12, 1 + (n % 28))).toISOString().slice(0, 10);
      return `${patients[n]}\t${GIVEN[n % GIVEN.length]}\t${FAMILY[n % FAMILY.length]}\t${birth}\tBM${String(n).padStart(8, '0')}\tpatient${n}@example.test`;
    }),
  );

  // Requests: the single patients' one request each, then the busy patients' many. One in ten is
  // open, due over the coming year (some already late); the rest closed over the past year.
  const requestIds: string[] = [];
  const patientOf = (n: number) => (n < size.singlePatients ? patients[size.busyPatients + n] : patients[n % size.busyPatients]);
  await copy(
    client,
    `requests (id, reference, type, status, open, patient_id, requester, channel, received_at, received_on, due_on, due_at,
               original_due_on, original_due_at, deadline_rule, deadline_kind, details, version, closed_at, created_by)`,
    rows(size.requests, (n) => {
      const id = sequentialUuid(2, n);
      requestIds.push(id);
      const type = TYPES[n % TYPES.length];
      const open = n % 10 === 0;
      const due = open ? now + (((n * 7919) % 395) - 30) * DAY : now - ((n * 7919) % 365) * DAY;
      const received = due - 30 * DAY;
      const dueAt = new Date(due).toISOString();
      const dueOn = dueAt.slice(0, 10);
      const receivedAt = new Date(received).toISOString();
      const status = open ? MACHINES[type].initial : closedStatus(type);
      const details = type === 'access' ? '{"accessType":"copy","recordsRequested":"all"}' : '{}';
      const closedAt = open ? '\\N' : new Date(due - (n % 20) * DAY).toISOString();
      return [
        id,
        `PR-2019-${String(n).padStart(7, '0')}`,
        type,
        status,
        open ? 't' : 'f',
        patientOf(n),
        '{"type":"individual"}',
        ['portal', 'mail', 'email', 'in_person'][n % 4],
        receivedAt,
        receivedAt.slice(0, 10),
        dueOn,
        dueAt,
        dueOn,
        dueAt,
        `hipaa-${type}`,
        'legal',
        details,
        open ? 1 : 2,
        closedAt,
        'system:bench-seed',
      ].join('\t');
    }),
  );

  // The timeline: every request was received; a closed one also has its closing event.
  await copy(
    client,
    'request_events (request_id, version, action, from_status, to_status, actor, occurred_at, data, effects)',
    (function* () {
      for (let n = 0; n < size.requests; n += 1) {
        const type = TYPES[n % TYPES.length];
        const initial = MACHINES[type].initial;
        const at = new Date(now - ((n * 7919) % 365) * DAY - 30 * DAY).toISOString();
        yield `${requestIds[n]}\t1\treceive\t\\N\t${initial}\tsystem:bench-seed\t${at}\t{"channel":"mail"}\t[]`;
        if (n % 10 !== 0) yield `${requestIds[n]}\t2\tclose\t${initial}\t${closedStatus(type)}\tuser:bench-officer\t${at}\t{}\t[]`;
      }
    })(),
  );

  // Disclosures: four in five to the busy patients (thousands each), one in five to the others.
  await copy(
    client,
    `disclosures (id, patient_id, disclosed_on, recipient_name, description, purpose, category, source_system, source_id, recorded_by, recorded_at)`,
    rows(size.disclosures, (m) => {
      const patient = m % 5 === 0 ? patients[size.busyPatients + ((m / 5) % size.singlePatients)] : patients[m % size.busyPatients];
      const on = new Date(now - (m % 2190) * DAY).toISOString().slice(0, 10);
      const kind = m % PURPOSES.length;
      return `${sequentialUuid(3, m)}\t${patient}\t${on}\t${RECIPIENTS[kind]}\tlaboratory results and visit notes\t${PURPOSES[kind]}\t${CATEGORIES[kind]}\tbench-ehr\tD${m}\tsystem:bench-seed\t${new Date(now).toISOString()}`;
    }),
  );

  // Audit events and their hash chain, sealed as the worker would have sealed them.
  const start = now - size.auditEvents * 1000;
  const chain: string[] = [];
  let previous = GENESIS_HASH;
  await copy(
    client,
    'audit_events (id, occurred_at, actor, action, target_type, target_id, patient_id, outcome, client_address, request_id, details)',
    rows(size.auditEvents, (k) => {
      const id = String(k + 1);
      const occurredAt = new Date(start + k * 1000);
      const target = requestIds[(k * 13) % requestIds.length];
      const event = {
        id,
        occurredAt,
        actor: `user:00000000-0000-4000-8000-${String(k % 40).padStart(12, '0')}`,
        action: ACTIONS[k % ACTIONS.length],
        targetType: 'request',
        targetId: target,
        patientId: patientOf((k * 13) % requestIds.length),
        outcome: 'success',
        clientAddress: `10.0.${k % 8}.${k % 250}`,
        requestId: `bench-${k}`,
        details: { version: k % 9 },
      };
      const hash = linkHash(id, previous, event);
      chain.push(`${id}\t${id}\t${previous}\t${hash}`);
      previous = hash;
      return [
        id,
        occurredAt.toISOString(),
        event.actor,
        event.action,
        event.targetType,
        event.targetId,
        event.patientId,
        event.outcome,
        event.clientAddress,
        event.requestId,
        JSON.stringify(event.details),
      ].join('\t');
    }),
  );
  await copy(client, 'audit_chain (seq, event_id, prev_hash, hash)', chain);
  await client.query(`SELECT setval(pg_get_serial_sequence('audit_events', 'id'), $1)`, [size.auditEvents]);
  await client.query(`SET session_replication_role = DEFAULT`);
  const started = Date.now();
  await client.query(`VACUUM ANALYZE`);
  process.stderr.write(`dataset: vacuumed and analysed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/**
 * Ids in ascending order (valid version-4 shaped UUIDs): a primary key filled in order is appended
 * to, where random ids would touch a random page of a 5-million-row index for every row.
 */
function sequentialUuid(table: number, n: number): string {
  return `${table.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function* rows(count: number, row: (n: number) => string): Generator<string> {
  for (let n = 0; n < count; n += 1) yield row(n);
}

/** COPY the tab-separated `lines` into `target`, sent in blocks of 2,000 lines. */
async function copy(client: pg.Client, target: string, lines: Iterable<string>): Promise<void> {
  const started = Date.now();
  // Secondary indexes are built once after the rows are in, not row by row (as pg_restore does).
  const table = target.split(' ')[0];
  const { rows: indexes } = await client.query(
    `SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
  function* blocks() {
    let block: string[] = [];
    for (const line of lines) {
      block.push(line);
      if (block.length === 2000) {
        yield `${block.join('\n')}\n`;
        block = [];
      }
    }
    if (block.length) yield `${block.join('\n')}\n`;
  }
  await pipeline(Readable.from(blocks()), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
  for (const index of indexes) await client.query(index.indexdef);
  // Progress on stderr: the bench's table is on stdout.
  process.stderr.write(`dataset: ${target.split(' ')[0]} copied in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
