import { AuditVerifier } from '#audit';
import { AuditLogPdfWriter, auditCsvHeader, auditCsvLine, type AuditExportRow } from '#documents';
import { PAGE_ROWS, finish, writeText, type ExportContext } from './export-context.js';

interface AuditRowSql {
  id: string;
  occurred_raw: string;
  occurred_at: Date;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  patient_id: string | null;
  outcome: string;
  client_address: string | null;
  request_id: string | null;
  details: string;
  hash: string | null;
}

/**
 * The audit log of a period (optionally one patient or one actor): every
 * event, in order, read a page at a time, with a cover that states the count,
 * the first and last hash and whether the chain holds over the period.
 */
export async function buildAuditLogExport(context: ExportContext, verifier: AuditVerifier): Promise<void> {
  const { dataSource, record, sink, progress } = context;
  const filter = record.filter;
  const from = new Date(filter.from as string);
  const to = new Date(filter.to as string);
  const values: unknown[] = [from, to];
  const where = ['e.occurred_at >= $1', 'e.occurred_at < $2'];
  if (filter.patientId) where.push(`e.patient_id = $${values.push(filter.patientId)}`);
  if (filter.actor) where.push(`e.actor = $${values.push(filter.actor)}`);
  const base = `FROM audit_events e LEFT JOIN audit_chain c ON c.event_id = e.id WHERE ${where.join(' AND ')}`;

  const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count ${base}`, values)) as { count: number }[];
  await progress.total(count);
  const edge = async (direction: 'ASC' | 'DESC') =>
    (
      (await dataSource.query(`SELECT c.hash ${base} ORDER BY e.occurred_at ${direction}, e.id ${direction} LIMIT 1`, values)) as {
        hash: string | null;
      }[]
    )[0]?.hash ?? null;

  const csv = record.format === 'csv';
  const pdf = csv
    ? null
    : new AuditLogPdfWriter(sink, {
        organisationName: context.organisationName,
        generatedAt: context.generatedAt,
        generatedBy: record.requestedBy,
        filter: { from: from.toISOString(), to: to.toISOString(), patientId: filter.patientId ?? null, actor: filter.actor ?? null },
        count,
        firstHash: await edge('ASC'),
        lastHash: await edge('DESC'),
        // The chain is global: it is verified over every event of the period, whatever the filter.
        verification: await verifier.verify({ from, to }),
      });
  if (csv) await writeText(sink, auditCsvHeader());

  let after: [string, string] | null = null;
  for (;;) {
    const page = (await dataSource.query(
      `SELECT e.id::text AS id, e.occurred_at::text AS occurred_raw, e.occurred_at, e.actor, e.action, e.target_type, e.target_id,
              e.patient_id, e.outcome, e.client_address, e.request_id, e.details::text AS details, c.hash
       ${base} ${after ? `AND (e.occurred_at, e.id) > ($${values.length + 1}::timestamptz, $${values.length + 2}::bigint)` : ''}
       ORDER BY e.occurred_at, e.id LIMIT ${PAGE_ROWS}`,
      after ? [...values, ...after] : values,
    )) as AuditRowSql[];
    if (page.length === 0) break;
    const rows = page.map(toExportRow);
    if (pdf) await pdf.write(rows);
    else for (const row of rows) await writeText(sink, auditCsvLine(row));
    await progress.advance(rows.length);
    const last = page[page.length - 1];
    after = [last.occurred_raw, last.id];
    if (page.length < PAGE_ROWS) break;
  }
  if (pdf) await pdf.end();
  else await finish(sink);
}

function toExportRow(row: AuditRowSql): AuditExportRow {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    patientId: row.patient_id,
    outcome: row.outcome,
    clientAddress: row.client_address,
    requestId: row.request_id,
    details: row.details,
    hash: row.hash,
  };
}
