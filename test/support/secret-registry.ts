/**
 * Secrets and patient names a test file has used. Every app the file started
 * checks its captured logs against them when it closes, so the whole e2e
 * suite proves that none of them reached a log line.
 */
const secrets = new Set<string>();

export function rememberSecret(...values: (string | undefined)[]): void {
  for (const value of values) if (value && value.length >= 6) secrets.add(value);
}

/** The first remembered secret found in `text`, described without quoting it whole. */
export function findLeakedSecret(text: string): string | undefined {
  for (const secret of secrets) if (text.includes(secret)) return `${secret.slice(0, 3)}… (${secret.length} chars)`;
  return undefined;
}
