import { renderCaseFile } from '#documents';
import { DocumentRecord, RequestEvent, RequestRecord } from '#persistence';
import { finish, writeText, type ExportContext } from './export-context.js';

/** One request's whole file: its summary, its timeline and every letter, as one PDF. */
export async function buildCaseFileExport(context: ExportContext): Promise<void> {
  const { dataSource, record, sink, progress } = context;
  const requestId = record.filter.requestId as string;
  const request = await dataSource.getRepository(RequestRecord).findOneBy({ id: requestId });
  if (!request) throw new Error('the request of this case file no longer exists');
  const events = await dataSource.getRepository(RequestEvent).find({ where: { requestId }, order: { version: 'ASC' } });
  const documents = await dataSource
    .getRepository(DocumentRecord)
    .createQueryBuilder('d')
    .addSelect('d.content')
    .where('d.request_id = :requestId', { requestId })
    .orderBy('d.created_at')
    .addOrderBy('d.id')
    .getMany();
  await progress.total(events.length + documents.length);
  const dateIn = (value: Date | null) => (value ? new Intl.DateTimeFormat('en-CA', { timeZone: context.timeZone }).format(value) : null);
  const pdf = await renderCaseFile({
    organisationName: context.organisationName,
    generatedAt: context.generatedAt,
    generatedBy: record.requestedBy,
    request: {
      reference: request.reference,
      type: request.type,
      status: request.status,
      receivedOn: request.receivedOn,
      dueOn: request.dueOn,
      originalDueOn: request.originalDueOn,
      extended: request.extended,
      closedOn: dateIn(request.closedAt),
      channel: request.channel,
      patientLabel: request.patientId ? `patient ${request.patientId}` : 'no patient on file',
    },
    timeline: events.map((event) => ({
      version: event.version,
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actor: event.actor,
    })),
    letters: documents.map((document) => ({
      title: document.title,
      template: document.template,
      createdAt: document.createdAt.toISOString(),
      sha256: document.sha256,
      pdf: document.content,
    })),
  });
  await progress.advance(events.length + documents.length);
  await writeText(sink, pdf);
  await finish(sink);
}
