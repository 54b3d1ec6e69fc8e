import type { OutboxEntry } from '#jobs';

/** What a patient is told about, by email if one is on file: never what was decided, only that there is news. */
export type PatientNews = 'received' | 'extended' | 'decided' | 'fulfilled';

/** A closing state in which the patient got what they asked for (access given, the accounting provided, …). */
export function newsOfClosing(state: string): PatientNews {
  return /fulfil|provided|accommodated|agreed|accepted|sent|applied|confirmed/.test(state) ? 'fulfilled' : 'decided';
}

/**
 * The jobs every change to a request sets off besides its letters: its
 * reminders laid out again for the request as it now stands (an extension,
 * a closure or a withdrawal reshapes them at once), and, on intake, an
 * extension or a decision, an email to the patient with the portal link.
 */
export function requestFollowUps(
  request: { id: string; reference: string; patientId: string | null; language: string },
  version: number,
  news: PatientNews | null,
): OutboxEntry[] {
  const jobs: OutboxEntry[] = [{ name: 'reminder.plan', data: { requestId: request.id }, jobId: `plan-${request.id}-v${version}` }];
  if (news && request.patientId) {
    jobs.push({
      name: 'email.send',
      data: {
        key: `patient:${request.id}:${news}:v${version}`,
        to: { patientId: request.patientId },
        message: 'patient_update',
        data: { reference: request.reference, event: news, language: request.language },
      },
      jobId: `mail-patient-${request.id}-v${version}`,
    });
  }
  return jobs;
}
