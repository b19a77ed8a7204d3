import type { z } from 'zod';
import { AppError } from './errors.ts';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Parses input at an edge (request body, event payload, response of another
 * service). The first problem becomes a 400 naming the field: unknown_field,
 * missing_field or invalid_field.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new AppError('invalid_request', `${where} is invalid`);
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0] ?? ''].join('.');
    throw new AppError('unknown_field', `${field}: is not a field of this request`, { field });
  }
  const field = path.join('.');
  if (!field) throw new AppError('invalid_request', `${where}: ${issue.message}`);
  if (valueAt(input, issue.path) === undefined) {
    throw new AppError('missing_field', `${field}: is required`, { field });
  }
  throw new AppError('invalid_field', `${field}: ${issue.message}`, { field });
}
