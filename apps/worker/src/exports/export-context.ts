import type { DataSource } from 'typeorm';
import type { ExportRecord } from '#persistence';
import type { ExportFileSink } from './export-file-sink.js';
import type { ExportProgress } from './export-progress.js';

/** What every export builder gets: the export asked for, where to write, how to report progress. */
export interface ExportContext {
  dataSource: DataSource;
  record: ExportRecord;
  sink: ExportFileSink;
  progress: ExportProgress;
  organisationName: string;
  timeZone: string;
  /** Today in the organisation's zone. */
  today: string;
  generatedAt: string;
}

/** Rows read per round trip: keyset pages, so memory holds one page whatever the total. */
export const PAGE_ROWS = 2_000;

/** Writes to the sink, waiting when it is full (backpressure). */
export async function writeText(sink: NodeJS.WritableStream, text: string | Buffer): Promise<void> {
  if (!sink.write(text)) await new Promise<void>((resolve) => sink.once('drain', resolve));
}

/** Ends the sink and waits until the last chunk is stored. */
export function finish(sink: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    sink.once('error', reject);
    sink.end(() => resolve());
  });
}
