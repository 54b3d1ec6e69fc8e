import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { longDate } from '#documents';
import { MACHINES, REQUEST_TYPES, type RequestType } from '#domain';
import { DocumentRecord, OrganisationProfile, RequestEvent, type RequestRecord } from '#persistence';
import { translate } from './portal-messages.js';
import type { FormField, PageBase, PortalLanguage, StatusAction, StatusView } from './portal-views.js';

/** The fields a patient fills in for each of their own actions on the status page. */
const PATIENT_ACTION_FIELDS: Record<string, FormField[]> = {
  file_disagreement: [{ name: 'statement', labelKey: 'fields.statement', kind: 'textarea', required: true }],
  modify_request: [
    { name: 'periodFrom', labelKey: 'fields.periodFrom', kind: 'date', required: true },
    { name: 'periodTo', labelKey: 'fields.periodTo', kind: 'date', required: true },
  ],
  close_without_disagreement: [
    { name: 'includeWithFutureDisclosures', labelKey: 'fields.includeWithFutureDisclosures', kind: 'checkbox', required: false },
  ],
};

/** Builds the view models of the portal's pages (what the templates show). */
@Injectable()
export class PortalPages {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async base(lang: PortalLanguage, titleKey: string, path: string, titleValues: Record<string, string> = {}): Promise<PageBase> {
    const profile = await this.dataSource.getRepository(OrganisationProfile).findOneBy({ id: 1 });
    const t = (key: string, values?: Record<string, string | number>) => translate(lang, key, values);
    const other = new URL(path, 'http://portal.invalid');
    other.searchParams.set('lang', lang === 'en' ? 'es' : 'en');
    return {
      lang,
      t,
      title: t(titleKey, titleValues),
      otherLanguageHref: `${other.pathname}${other.search}`,
      clinic: {
        legalName: profile?.legalName ?? t('site.name'),
        phone: profile?.privacyOfficer.phone ?? '',
        email: profile?.privacyOfficer.email ?? null,
      },
    };
  }

  rights(lang: PortalLanguage): { type: string; formHref: string }[] {
    return REQUEST_TYPES.map((type) => ({ type, formHref: `/portal/requests/new?type=${type}&lang=${lang}` }));
  }

  /** The status page of one request; reading it is an audited access by the patient. */
  async status(
    context: AuditContext,
    request: RequestRecord,
    token: string,
    csrfToken: string,
    lang: PortalLanguage,
    notice?: string,
  ): Promise<StatusView> {
    const machine = MACHINES[request.type as RequestType];
    const t = (key: string, values?: Record<string, string | number>) => translate(lang, key, values);
    const [events, documents] = await Promise.all([
      this.dataSource.getRepository(RequestEvent).find({ where: { requestId: request.id }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(DocumentRecord).find({ where: { requestId: request.id }, order: { createdAt: 'ASC' } }),
    ]);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'request.read',
        targetType: 'request',
        targetId: request.id,
        patientId: request.patientId,
        details: { via: 'portal' },
      }),
    );
    const state = machine.states[request.status];
    const actions: StatusAction[] = Object.keys(machine.transitions[request.status] ?? {})
      .filter((action) => machine.actions[action].by.includes('patient'))
      .map((action) => ({ action, labelKey: `status.actions.${action}`, fields: PATIENT_ACTION_FIELDS[action] ?? [] }));
    const query = `reference=${encodeURIComponent(request.reference)}&token=${encodeURIComponent(token)}&lang=${lang}`;
    return {
      ...(await this.base(lang, 'status.title', `/portal/status?${query}`)),
      reference: request.reference,
      type: request.type,
      stateText:
        t(`state.${request.type}.${request.status}`) === `state.${request.type}.${request.status}`
          ? state.plain
          : t(`state.${request.type}.${request.status}`),
      open: request.open,
      dueInWords: request.open ? longDate(request.dueOn, lang) : null,
      overdue: request.open && state.clock === 'running' && request.dueAt.getTime() < Date.now(),
      timeline: events.map((event) => ({
        when: longDate(event.occurredAt.toISOString().slice(0, 10), lang),
        what: t(`timeline.${event.action}`),
      })),
      documents: documents.map((document) => ({
        title: document.title,
        href: `/portal/documents/${document.id}?${query}`,
        date: longDate(document.createdAt.toISOString().slice(0, 10), lang),
      })),
      actions,
      token,
      csrfToken,
      ...(notice ? { notice } : {}),
    };
  }
}
