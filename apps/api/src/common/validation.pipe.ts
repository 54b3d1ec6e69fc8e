import { UnprocessableEntityException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

/** Flattens nested class-validator errors into `{ field: 'address.city', message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Deeper than any body or query the API takes; class-transformer recurses per level and overflows the stack near 5,000. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Keys no input may hold: `__proto__`, `constructor`, `prototype` and every other member of
 * Object.prototype. class-validator's whitelist looks names up in a plain object, so it takes
 * `hasOwnProperty` or `constructor` for a declared property and lets them through unreported.
 */
const FORBIDDEN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** What the shape of a parsed body or query breaks before any DTO sees it: a forbidden key, or nesting too deep. Iterative, so depth cannot overflow it. */
export function inputShapeErrors(input: unknown): { field: string; message: string }[] {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      const field = path.slice(0, 3).join('.');
      return [{ field, message: `${field} is nested more than ${MAX_INPUT_DEPTH} levels deep` }];
    }
    for (const key of Object.keys(value)) {
      const field = [...path, key].join('.');
      if (FORBIDDEN_KEYS.has(key)) return [{ field, message: `property ${key} should not exist` }];
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return [];
}

const invalid = (list: { field: string; message: string }[]) =>
  new UnprocessableEntityException({
    title: 'Invalid input',
    detail: list.map((error) => error.message).join('; '),
    errors: list,
  });

/** The global ValidationPipe, which first refuses bodies and queries of a hostile shape (see inputShapeErrors). */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const errors = inputShapeErrors(value);
      if (errors.length) throw invalid(errors);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The one validation pipe: strips nothing silently (unknown fields are an
 * error), converts types, and answers 422 with one entry per problem.
 * Messages name fields and rules, never the values sent.
 */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // One message per field: the first rule it breaks.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
  });
}
