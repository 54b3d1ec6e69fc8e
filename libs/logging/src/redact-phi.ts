import { isPhiFieldName } from '#domain';

export const REDACTED = '[REDACTED]';

/**
 * A copy of `value` in which every field that may hold patient data (by name,
 * at any depth) is replaced by a marker. Cycles and depth are bounded so a
 * log call can never hang on a strange object.
 */
export function redactPhi(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactPhi(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isPhiFieldName(key) ? REDACTED : redactPhi(item, depth + 1, seen);
  }
  return copy;
}

/**
 * A URL fit for a log line: the path, and the names of query parameters
 * without their values (`/patients?q=…` carries names being searched for).
 */
export function loggableUrl(url: string | undefined): string {
  if (!url) return '';
  const [path, query] = url.split('?', 2);
  if (query === undefined) return path;
  const names = query
    .split('&')
    .filter(Boolean)
    .map((pair) => `${decodeSafe(pair.split('=')[0])}=…`);
  return `${path}?${names.join('&')}`;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
