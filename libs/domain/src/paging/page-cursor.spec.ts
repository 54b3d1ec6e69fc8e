import { DomainError } from '../errors.js';
import { decodeCursor, encodeCursor } from './page-cursor.js';

const isId = (value: unknown): value is { id: string } =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';

function refusal(cursor: string): DomainError | undefined {
  try {
    decodeCursor(cursor, isId);
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
}

describe('page cursors', () => {
  it('gives back the position it encoded', () => {
    expect(decodeCursor(encodeCursor({ id: '42' }), isId)).toEqual({ id: '42' });
  });

  it('refuses a cursor with characters outside base64url, even when the rest decodes to a valid position', () => {
    const issued = encodeCursor({ id: '42' });
    // The decoder would skip '*' and '.', and read the issued position.
    for (const mangled of [`${issued}*`, `*${issued}`, `${issued.slice(0, 4)}.${issued.slice(4)}`, `${issued}=`]) {
      expect(Buffer.from(mangled, 'base64url').toString('utf8')).toBe('{"id":"42"}');
      expect(refusal(mangled)).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'cursor', message: 'cursor is invalid' }] });
    }
  });

  it('refuses what is not JSON, and JSON that is not a position', () => {
    for (const text of ['not json', '{"id":42}', '[]', 'null']) {
      expect(refusal(Buffer.from(text).toString('base64url'))).toBeInstanceOf(DomainError);
    }
    expect(refusal('')).toBeInstanceOf(DomainError);
  });
});
