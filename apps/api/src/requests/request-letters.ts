import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { COURTESY_LETTERS, LETTERS, buildLetterModel, letterInputsFrom, type LetterInputs } from '#documents';
import { DomainError, type Effect } from '#domain';
import type { OutboxEntry } from '#jobs';
import { LetterSourcesRepository, type LoadedLetterSources, type RequestRecord } from '#persistence';

export interface LetterPlan {
  jobs: OutboxEntry<'document.render'>[];
  /** Courtesy letters that could not be made, noted on the timeline. */
  skipped: { template: string; missing: string[] }[];
}

/**
 * Checks, inside the action's transaction, that every letter the action
 * requires can be made from what is on file; plans the render jobs. A
 * required letter that lacks an element refuses the whole action (422,
 * nothing changed), naming each missing element.
 */
@Injectable()
export class RequestLetters {
  constructor(private readonly sources: LetterSourcesRepository) {}

  async plan(
    manager: EntityManager,
    request: RequestRecord,
    effects: readonly Effect[],
    event: LetterInputs['event'],
    /** The sources when the caller has read them already (intake, which checks the patient with them). */
    sources?: LoadedLetterSources,
  ): Promise<LetterPlan> {
    const letters = effects.filter((effect): effect is Extract<Effect, { kind: 'letter' }> => effect.kind === 'letter');
    const plan: LetterPlan = { jobs: [], skipped: [] };
    if (letters.length === 0) return plan;
    const inputs = letterInputsFrom(request, event, sources ?? (await this.loadSources(manager, request, event)));
    const problems: { field: string; message: string }[] = [];
    for (const { template: name } of letters) {
      const template = LETTERS[name];
      if (!template) throw new Error(`no letter template ${name}`);
      const missing = template.missing(buildLetterModel(name, inputs));
      if (missing.length && COURTESY_LETTERS.has(name)) {
        plan.skipped.push({ template: name, missing: missing.map((item) => item.element) });
        continue;
      }
      problems.push(
        ...missing.map((item) => ({
          field: `letters.${name}.${item.element}`,
          message: `the ${name.replace(/_/g, ' ')} letter needs ${item.message}`,
        })),
      );
      plan.jobs.push({
        name: 'document.render',
        data: { requestId: request.id, template: name, requestVersion: event.version },
        jobId: `${request.id}-doc-${name}-v${event.version}`,
      });
    }
    if (problems.length) {
      throw new DomainError(
        'INVALID_INPUT',
        `a letter this action requires cannot be made: ${problems.map((problem) => problem.message).join('; ')}`,
        problems,
        undefined,
        {
          code: 'LETTER_INCOMPLETE',
        },
      );
    }
    return plan;
  }

  /**
   * What the letters of `event` would be written from: the patient, the organisation, the notice in
   * force; with `alsoSelect`, more SELECT-list items read in the same round trip (see the repository).
   */
  loadSources(
    manager: EntityManager,
    request: RequestRecord,
    event: Pick<LetterInputs['event'], 'occurredOn' | 'version'>,
    alsoSelect?: string,
  ): Promise<LoadedLetterSources & { also: Record<string, unknown> }> {
    return this.sources.load(manager, request, event.occurredOn, event.version, alsoSelect);
  }
}
