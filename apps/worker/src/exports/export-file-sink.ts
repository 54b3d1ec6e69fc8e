import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';

/** Pieces of about a megabyte: few rows for a large file, little memory for any. */
const CHUNK_BYTES = 1 << 20;

/**
 * Where an export's file goes as it is made: ordered rows of export_chunks,
 * written as each megabyte fills, so a file of any size passes through a
 * megabyte of memory. Counts the bytes and hashes them on the way.
 */
export class ExportFileSink extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly exportId: string,
  ) {
    super({ highWaterMark: CHUNK_BYTES });
  }

  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    this.hash.update(buffer);
    this.bytes += buffer.length;
    this.pending.push(buffer);
    this.pendingBytes += buffer.length;
    if (this.pendingBytes < CHUNK_BYTES) return callback();
    this.store().then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.store().then(() => callback(), callback);
  }

  private async store(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.dataSource.query(`INSERT INTO export_chunks (export_id, seq, data) VALUES ($1, $2, $3)`, [this.exportId, this.seq, data]);
    this.seq += 1;
  }
}
