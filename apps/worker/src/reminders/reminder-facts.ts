import { MACHINES, type ReminderFacts, type RequestType } from '#domain';
import type { RequestRecord } from '#persistence';

/** What the reminder rules need to know about a request, read from its row and its type's machine. */
export function reminderFacts(
  request: Pick<RequestRecord, 'type' | 'status' | 'open' | 'dueOn' | 'originalDueOn' | 'extended'>,
): ReminderFacts {
  const machine = MACHINES[request.type as RequestType];
  const state = machine?.states[request.status];
  return {
    dueOn: request.dueOn,
    originalDueOn: request.originalDueOn,
    extended: request.extended,
    extensionAvailable: !request.extended && Boolean(machine?.transitions[request.status]?.extend),
    clockRunning: request.open && state?.clock === 'running',
  };
}

/** States in which the clinic waits for the patient (a fee answer, say), by the machine's own wording. */
export function waitingOnPatient(request: Pick<RequestRecord, 'type' | 'status'>): boolean {
  const title = MACHINES[request.type as RequestType]?.states[request.status]?.title ?? '';
  return /awaiting|individual’s answer|patient’s answer/i.test(title);
}
