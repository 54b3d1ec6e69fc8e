import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { DomainError } from '#domain';
import { Notification } from '#persistence';
import type { NotificationResponse } from './notifications.controller.js';

/** In-app notifications. They carry no patient data, so reading them is not an audited PHI read. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(userId: string, unreadOnly: boolean): Promise<NotificationResponse[]> {
    const rows = await this.dataSource.getRepository(Notification).find({
      where: { userId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 200,
    });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      subject: row.subject,
      link: row.link,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    }));
  }

  async markRead(userId: string, id: string): Promise<void> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND user_id = :userId', { id, userId })
      .execute();
    if (result.affected !== 1) throw new DomainError('NOT_FOUND', 'no such notification');
  }
}
