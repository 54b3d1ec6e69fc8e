import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';

/** At most this often: a million rows must not mean a million UPDATEs. */
const EVERY_MS = 250;

/**
 * Tells the export's row (which the API shows) and the BullMQ job how far the
 * export has got, a few times a second at most.
 */
export class ExportProgress {
  private rowsDone = 0;
  private lastWrite = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly exportId: string,
    private readonly job: Job | undefined,
    private rowsTotal: number,
  ) {}

  async total(rows: number): Promise<void> {
    this.rowsTotal = rows;
    await this.dataSource.query(`UPDATE exports SET rows_total = $2 WHERE id = $1`, [this.exportId, rows]);
  }

  /** `rows` more are done. */
  async advance(rows: number): Promise<void> {
    this.rowsDone += rows;
    const now = Date.now();
    if (now - this.lastWrite < EVERY_MS) return;
    this.lastWrite = now;
    await this.write();
  }

  async write(): Promise<void> {
    // 99 at most until the file is stored: "100" means it can be downloaded.
    const percent = this.rowsTotal > 0 ? Math.min(99, Math.floor((this.rowsDone * 100) / this.rowsTotal)) : 0;
    await this.dataSource.query(`UPDATE exports SET progress = $2, rows_done = $3 WHERE id = $1`, [
      this.exportId,
      percent,
      Math.min(this.rowsDone, this.rowsTotal || this.rowsDone),
    ]);
    // A job run by hand (tests, benches) is a bare object without BullMQ methods.
    if (typeof this.job?.updateProgress === 'function') await this.job.updateProgress(percent);
  }
}
