import { UnprocessableEntityException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Flattens nested class-validator errors into `{ field: 'address.city', message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The one validation pipe: strips nothing silently (unknown fields are an
 * error), converts types, and answers 422 with one entry per problem.
 * Messages name fields and rules, never the values sent.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // One message per field: the first rule it breaks.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = flattenValidationErrors(errors);
      return new UnprocessableEntityException({
        title: 'Invalid input',
        detail: list.map((error) => error.message).join('; '),
        errors: list,
      });
    },
  });
}
