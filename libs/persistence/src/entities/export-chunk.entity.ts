import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ExportRecord } from './export.entity.js';

/**
 * One piece of an export's file, in order. The worker writes the file as it
 * is made and the API streams it back piece by piece, so neither holds a
 * whole export in memory, and any API instance can serve any worker's file.
 */
@Entity({ name: 'export_chunks' })
export class ExportChunk {
  @PrimaryColumn({ name: 'export_id', type: 'uuid', primaryKeyConstraintName: 'pk_export_chunks' })
  exportId: string;

  @ManyToOne(() => ExportRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'export_id', foreignKeyConstraintName: 'fk_export_chunks_export' })
  export?: ExportRecord;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_export_chunks' })
  seq: number;

  @Column({ type: 'bytea' })
  data: Buffer;
}
