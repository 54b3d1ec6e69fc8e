/**
 * An INSERT over one JSON parameter, named by the caller so that it can run alone or as part of a
 * larger statement (the audit, outbox and request inserts that intake and actions send together).
 */
export interface ParameterisedInsert {
  /** With `onlyIf`, a condition on the rest of the statement (say, that an UPDATE in it matched). */
  sql(parameter: string, onlyIf?: string): string;
  value: string;
}
