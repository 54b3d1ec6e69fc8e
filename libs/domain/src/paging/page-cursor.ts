import { DomainError } from '../errors.js';

/**
 * Page cursors: the position of the last row shown, as JSON in base64url. Clients treat them as
 * opaque; this service accepts only what it issued. A base64url decoder skips characters outside
 * its alphabet, so a mangled cursor can decode into a valid-looking position: only a cursor that
 * re-encodes to exactly itself, and whose content passes `isPosition`, is taken.
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, isPosition: (value: unknown) => value is T): T {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (Buffer.from(text).toString('base64url') !== cursor) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidCursor();
  }
  if (!isPosition(value)) throw invalidCursor();
  return value;
}

function invalidCursor(): DomainError {
  return new DomainError('INVALID_INPUT', 'the cursor is not one this service issued', [{ field: 'cursor', message: 'cursor is invalid' }]);
}
