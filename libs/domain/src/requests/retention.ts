/** Required documentation is kept 6 years from the later of creation and last effect (45 CFR 164.530(j)(2)). */
export const RETENTION_YEARS = 6;

/**
 * The retention date of a request created on `createdOn` whose record was
 * last in effect on `lastEffectiveOn` (ISO dates). 29 February plus six years
 * becomes 1 March, keeping the whole period.
 */
export function retainUntil(createdOn: string, lastEffectiveOn: string): string {
  const later = createdOn > lastEffectiveOn ? createdOn : lastEffectiveOn;
  const [year, month, day] = later.split('-').map(Number);
  return new Date(Date.UTC(year + RETENTION_YEARS, month - 1, day)).toISOString().slice(0, 10);
}
