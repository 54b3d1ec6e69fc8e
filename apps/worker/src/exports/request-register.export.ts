import { RegisterPdfWriter, registerCsvHeader, registerCsvLine } from '#documents';
import { RegisterTally, registerRow, type RegisterRow } from '#domain';
import { registerRequestPages } from '#persistence';
import { finish, writeText, type ExportContext } from './export-context.js';

/**
 * Every request received in a period, on time or late. The PDF opens with the
 * figures, which need every row: the rows are read twice (once to count,
 * once to list), a page at a time, so memory stays flat.
 */
export async function buildRequestRegisterExport(context: ExportContext): Promise<void> {
  const { record, sink, progress, today } = context;
  const period = { from: record.filter.from as string, to: record.filter.to as string };
  const csv = record.format === 'csv';
  const [{ count }] = (await context.dataSource.query(`SELECT count(*)::int AS count FROM requests WHERE received_on BETWEEN $1 AND $2`, [
    period.from,
    period.to,
  ])) as { count: number }[];
  await progress.total(csv ? count : count * 2);

  if (csv) {
    await writeText(sink, registerCsvHeader());
    for await (const rows of registerPages(context, period, today)) {
      for (const row of rows) await writeText(sink, registerCsvLine(row));
      await progress.advance(rows.length);
    }
    await finish(sink);
    return;
  }

  const tally = new RegisterTally(period, today);
  for await (const rows of registerPages(context, period, today)) {
    for (const row of rows) tally.add(row);
    await progress.advance(rows.length);
  }
  const pdf = new RegisterPdfWriter(sink, {
    organisationName: context.organisationName,
    generatedAt: context.generatedAt,
    generatedBy: record.requestedBy,
    figures: tally.figures(),
  });
  for await (const rows of registerPages(context, period, today)) {
    await pdf.write(rows);
    await progress.advance(rows.length);
  }
  await pdf.end();
}

/** The register's rows, judged on time or late as of `today`. */
async function* registerPages(context: ExportContext, period: { from: string; to: string }, today: string): AsyncGenerator<RegisterRow[]> {
  for await (const page of registerRequestPages(context.dataSource, period, context.timeZone)) {
    yield page.map((request) => registerRow(request, today));
  }
}
