import type { DataSource, EntityManager } from 'typeorm';

/** A request as the register lists it: dates as ISO strings, the closing date in the organisation's zone. */
export interface RegisterRequestRow {
  reference: string;
  type: string;
  status: string;
  open: boolean;
  extended: boolean;
  receivedOn: string;
  dueOn: string;
  originalDueOn: string;
  closedOn: string | null;
}

const PAGE_ROWS = 2_000;

/**
 * The requests received in a period, in receipt order, a page at a time
 * (keyset on received_on, id): a register of any size passes through one page of memory.
 */
export async function* registerRequestPages(
  db: DataSource | EntityManager,
  period: { from: string; to: string },
  timeZone: string,
): AsyncGenerator<RegisterRequestRow[]> {
  let after: [string, string] | null = null;
  for (;;) {
    const values: unknown[] = [period.from, period.to, timeZone];
    const page = (await db.query(
      `SELECT id, reference, type, status, open, extended,
              to_char(received_on, 'YYYY-MM-DD') AS "receivedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
              to_char(original_due_on, 'YYYY-MM-DD') AS "originalDueOn",
              to_char(closed_at AT TIME ZONE $3, 'YYYY-MM-DD') AS "closedOn"
         FROM requests
        WHERE received_on BETWEEN $1 AND $2 ${after ? 'AND (received_on, id) > ($4::date, $5::uuid)' : ''}
        ORDER BY received_on, id LIMIT ${PAGE_ROWS}`,
      after ? [...values, ...after] : values,
    )) as (RegisterRequestRow & { id: string })[];
    if (page.length === 0) return;
    yield page.map(({ id: _id, ...request }) => request);
    const last = page[page.length - 1];
    after = [last.receivedOn, last.id];
    if (page.length < PAGE_ROWS) return;
  }
}
