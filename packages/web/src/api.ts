// The public API, same origin, with the access token held in memory only (never
// in storage, never in a cookie). A failure is thrown as ApiFailure with what
// problems.ts needs to tell the customer.
import { retryAfterSeconds, type Failure } from './problems.ts';

export class ApiFailure extends Error implements Failure {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly retryAfter: number | undefined,
  ) {
    super(message);
  }
}

let accessToken: string | undefined;

export function useToken(token: string | undefined): void {
  accessToken = token;
}

export async function api<T>(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (accessToken) headers['authorization'] = `Bearer ${accessToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiFailure(0, undefined, 'no answer', undefined);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiFailure(
      response.status,
      typeof error?.code === 'string' ? error.code : undefined,
      typeof error?.message === 'string' ? error.message : response.statusText,
      retryAfterSeconds(response.headers.get('retry-after')),
    );
  }
  return body as T;
}
