import { Controller, Get, Param, Post, Query, Req, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { longDate } from '#documents';
import { DomainError, isRequestType, type RequestType } from '#domain';
import { Public } from '../common/public.decorator.js';
import { auditContextOf } from '../common/request-context.decorator.js';
import { DocumentsService } from '../documents/documents.service.js';
import { RequestActionsService } from '../requests/request-actions.service.js';
import { formSections, nestFormBody, withValues } from './portal-form.js';
import { translate } from './portal-messages.js';
import { PortalPages } from './portal-pages.js';
import { PortalRateLimit } from './portal-rate-limit.js';
import { PortalRenderer } from './portal-renderer.js';
import { PortalService } from './portal.service.js';
import type { PortalLanguage } from './portal-views.js';

type Form = Record<string, unknown>;
type CsrfReply = FastifyReply & { generateCsrf(): string };
type CsrfServer = { csrfProtection(request: FastifyRequest, reply: FastifyReply, next: (error?: Error) => void): void };

/** Filings per address per hour, and wrong status tokens per address per 15 minutes. */
const FILINGS_PER_HOUR = 20;
const GUESSES_PER_WINDOW = 20;
const SLOW_GUESSES_AFTER = 5;

/** Pages for patients: strict CSP, never cached, no referrer (the status link carries a secret). */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
};

const languageOf = (value: unknown): PortalLanguage => (value === 'es' ? 'es' : 'en');

/**
 * The patient portal: the rights in plain words, a form per right, the
 * confirmation with the status link (shown once), and the status page with
 * the patient's own next actions. Server-rendered; works without JavaScript.
 */
@ApiExcludeController()
@Public()
@Controller({ path: 'portal', version: VERSION_NEUTRAL })
export class PortalController {
  constructor(
    private readonly pages: PortalPages,
    private readonly renderer: PortalRenderer,
    private readonly portal: PortalService,
    private readonly limits: PortalRateLimit,
    private readonly actions: RequestActionsService,
    private readonly documents: DocumentsService,
  ) {}

  @Get()
  async index(@Query('lang') langParam: string, @Res() reply: FastifyReply): Promise<void> {
    const lang = languageOf(langParam);
    const base = await this.pages.base(lang, 'index.title', `/portal?lang=${lang}`);
    this.send(reply, 200, 'index', { ...base, rights: this.pages.rights(lang), statusHref: `/portal/status?lang=${lang}` });
  }

  @Get('requests/new')
  async form(@Query('type') type: string, @Query('lang') langParam: string, @Res() reply: CsrfReply): Promise<void> {
    const lang = languageOf(langParam);
    if (!isRequestType(type)) return this.error(reply, lang, 404, 'errors.generic');
    await this.sendForm(reply, lang, type, {}, new Map());
  }

  @Post('requests')
  async file(@Req() request: FastifyRequest, @Res() reply: CsrfReply): Promise<void> {
    const form = (request.body ?? {}) as Form;
    const lang = languageOf(form.lang ?? form.language);
    const type = String(form.type ?? '');
    if (!isRequestType(type)) return this.error(reply, lang, 404, 'errors.generic');
    if (!(await this.csrfValid(request, reply)))
      return this.sendForm(reply, lang, type, form, new Map(), 403, [{ name: '_csrf', message: translate(lang, 'errors.csrf') }]);
    // A field people never see: a bot that fills it is answered politely and nothing is filed.
    if (typeof form.website === 'string' && form.website.trim() !== '') return this.error(reply, lang, 422, 'errors.generic');
    const address = request.ip ?? 'unknown';
    const limit = await this.limits.hit('filings', address, FILINGS_PER_HOUR, 3600);
    if (limit.over) return this.error(reply, lang, 429, 'errors.rateLimited', { 'retry-after': String(limit.retryAfter) });
    const sections = formSections(type);
    const body = nestFormBody(sections, form);
    const idempotencyKey =
      typeof form.idempotencyKey === 'string' && /^[A-Za-z0-9-]{16,64}$/.test(form.idempotencyKey) ? form.idempotencyKey : undefined;
    try {
      const filed = await this.portal.file(
        { ...auditContextOf(request), actor: 'patient:portal' },
        { type, language: lang, ...body },
        idempotencyKey,
      );
      const statusHref = `/portal/status?reference=${filed.reference}&token=${filed.statusToken}&lang=${lang}`;
      const base = await this.pages.base(lang, 'confirmation.title', `/portal?lang=${lang}`);
      this.send(reply, 201, 'confirmation', {
        ...base,
        reference: filed.reference,
        dueInWords: longDate(filed.dueOn, lang),
        deadlineKind: filed.deadlineKind,
        statusHref,
        statusToken: filed.statusToken,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'INVALID_INPUT') throw error;
      const errors = new Map(error.errors.map((item) => [item.field, this.fieldMessage(lang, item.field, item.message, form)]));
      await this.sendForm(reply, lang, type, form, errors, 422);
    }
  }

  @Get('status')
  async status(@Req() request: FastifyRequest, @Query() query: Record<string, string>, @Res() reply: CsrfReply): Promise<void> {
    const lang = languageOf(query.lang);
    if (!query.reference && !query.token) return this.sendLookup(reply, lang, false);
    const opened = await this.openOrRefuse(request, reply, lang, String(query.reference ?? ''), String(query.token ?? ''));
    if (!opened) return;
    const view = await this.pages.status(
      this.patientContext(request, opened.reference),
      opened,
      String(query.token),
      reply.generateCsrf(),
      lang,
    );
    this.send(reply, 200, 'status', view);
  }

  @Post('status/actions')
  async act(@Req() request: FastifyRequest, @Res() reply: CsrfReply): Promise<void> {
    const form = (request.body ?? {}) as Form;
    const lang = languageOf(form.lang);
    if (!(await this.csrfValid(request, reply))) return this.error(reply, lang, 403, 'errors.csrf');
    const opened = await this.openOrRefuse(request, reply, lang, String(form.reference ?? ''), String(form.token ?? ''));
    if (!opened) return;
    const action = String(form.action ?? '');
    const input: Record<string, unknown> = {};
    if (typeof form.statement === 'string' && form.statement.trim()) input.statement = form.statement.trim();
    if (typeof form.periodFrom === 'string' && form.periodFrom) input.periodFrom = form.periodFrom;
    if (typeof form.periodTo === 'string' && form.periodTo) input.periodTo = form.periodTo;
    if (action === 'close_without_disagreement') input.includeWithFutureDisclosures = form.includeWithFutureDisclosures !== undefined;
    const context = this.patientContext(request, opened.reference);
    let notice: string;
    try {
      await this.actions.actAsPatient(context, opened.id, action, input);
      notice =
        translate(lang, `status.done.${action}`) === `status.done.${action}`
          ? translate(lang, `timeline.${action}`)
          : translate(lang, `status.done.${action}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      notice = error.errors.length
        ? error.errors.map((item) => this.fieldMessage(lang, item.field, item.message)).join(' ')
        : translate(lang, 'errors.generic');
    }
    const fresh = (await this.portal.open(opened.reference, String(form.token)))!;
    this.send(reply, 200, 'status', await this.pages.status(context, fresh, String(form.token), reply.generateCsrf(), lang, notice));
  }

  @Get('documents/:id')
  async document(
    @Req() request: FastifyRequest,
    @Param('id') id: string,
    @Query() query: Record<string, string>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lang = languageOf(query.lang);
    const opened = await this.openOrRefuse(request, reply, lang, String(query.reference ?? ''), String(query.token ?? ''));
    if (!opened) return;
    const listed = (await this.documents.forRequest(this.patientContext(request, opened.reference), opened.id)).some(
      (document) => document.id === id,
    );
    if (!listed) return this.error(reply, lang, 404, 'status.notFound');
    const document = await this.documents.read(this.patientContext(request, opened.reference), id);
    void reply
      .status(200)
      .header('content-type', 'application/pdf')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('etag', `"${document.sha256}"`)
      .header('content-disposition', `attachment; filename="${opened.reference}-${document.template}.pdf"`)
      .send(document.content);
  }

  /** The request a reference and token open; else the lookup page, the same for any failure, slowed and then refused on repeats. */
  private async openOrRefuse(request: FastifyRequest, reply: FastifyReply, lang: PortalLanguage, reference: string, token: string) {
    const opened = await this.portal.open(reference.trim().toUpperCase(), token.trim());
    if (opened) return opened;
    const guesses = await this.limits.hit('status-guesses', request.ip ?? 'unknown', GUESSES_PER_WINDOW, 900);
    if (guesses.over) {
      this.error(reply, lang, 429, 'errors.rateLimited', { 'retry-after': String(guesses.retryAfter) });
      return null;
    }
    if (guesses.count > SLOW_GUESSES_AFTER)
      await new Promise((resolve) => setTimeout(resolve, Math.min(3000, (guesses.count - SLOW_GUESSES_AFTER) * 300)));
    await this.sendLookup(reply as CsrfReply, lang, true, reference);
    return null;
  }

  private patientContext(request: FastifyRequest, reference: string) {
    return { ...auditContextOf(request), actor: `patient:${reference}` };
  }

  private async sendLookup(reply: CsrfReply, lang: PortalLanguage, notFound: boolean, reference?: string): Promise<void> {
    const base = await this.pages.base(lang, 'status.title', `/portal/status?lang=${lang}`);
    this.send(reply, notFound ? 404 : 200, 'status-lookup', {
      ...base,
      notFound,
      ...(reference ? { reference } : {}),
      csrfToken: reply.generateCsrf(),
    });
  }

  private async sendForm(
    reply: CsrfReply,
    lang: PortalLanguage,
    type: RequestType,
    form: Form,
    errors: Map<string, string>,
    status = 200,
    extra: { name: string; message: string }[] = [],
  ): Promise<void> {
    const sections = withValues(formSections(type), { language: lang, 'requester.type': 'individual', ...form }, errors);
    const base = await this.pages.base(lang, 'form.title', `/portal/requests/new?type=${type}&lang=${lang}`, {
      right: translate(lang, `rights.${type}.title`),
    });
    this.send(reply, status, 'form', {
      ...base,
      type,
      action: '/portal/requests',
      sections,
      errorSummary: [...extra, ...[...errors].map(([name, message]) => ({ name, message }))],
      csrfToken: reply.generateCsrf(),
      idempotencyKey: typeof form.idempotencyKey === 'string' ? form.idempotencyKey : randomUUID(),
    });
  }

  /** A validation message in the page's language, naming the field by its label. */
  private fieldMessage(lang: PortalLanguage, field: string, message: string, form?: Form): string {
    const label = translate(lang, `fields.${field}`);
    const named = label === `fields.${field}` ? field : label;
    // Nothing typed: ask for it, whatever rule the validator tripped first.
    const typed = form?.[field];
    const blank =
      form !== undefined &&
      field !== 'requester.attestation' &&
      (typed === undefined || (typeof typed === 'string' && typed.trim() === ''));
    if (blank || /required|should not be empty|is required/.test(message)) return translate(lang, 'errors.required', { field: named });
    if (/date/.test(message)) return translate(lang, 'errors.date', { field: named });
    if (/email/.test(message)) return translate(lang, 'errors.email', { field: named });
    if (/at most|longer|shorter/.test(message)) return translate(lang, 'errors.tooLong', { field: named });
    if (field === 'requester.attestation') return translate(lang, 'errors.attestation', { field: named });
    return translate(lang, 'errors.invalid', { field: named });
  }

  private async csrfValid(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    return new Promise((resolve) => (request.server as unknown as CsrfServer).csrfProtection(request, reply, (error) => resolve(!error)));
  }

  private async error(
    reply: FastifyReply,
    lang: PortalLanguage,
    status: number,
    key: string,
    headers: Record<string, string> = {},
  ): Promise<void> {
    const base = await this.pages.base(lang, 'error.title', `/portal?lang=${lang}`);
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
    this.send(reply, status, 'error', { ...base, message: translate(lang, key) });
  }

  private send(reply: FastifyReply, status: number, template: string, view: object): void {
    void reply.status(status).headers(PAGE_HEADERS).send(this.renderer.render(template, view));
  }
}
