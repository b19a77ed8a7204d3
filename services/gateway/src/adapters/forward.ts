import { ErrorBody } from '@roomstay/contracts';
import { AppError, invoke, type DaprClient, type InvokeResult } from '@roomstay/platform';

export interface Upstream {
  call(
    appId: string,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<InvokeResult>;
}

/** The apps behind the gateway, reached through its sidecar by service invocation. */
export function daprUpstream(client: DaprClient): Upstream {
  return { call: (appId, method, path, body, headers) => invoke(client, appId, method, path, body, headers) };
}

export interface Relayed {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * What the caller gets from an app's answer: the app's own errors as they are;
 * a failure of the path to it (app down, timeout, open circuit) as 503 with
 * Retry-After, so callers are turned away briefly instead of hanging.
 */
export function relay(result: InvokeResult, okStatus: number): Relayed {
  if (result.ok) return { status: okStatus, body: result.body };
  // The app answered with one of our errors: pass it on as it is, with the headers it needs.
  if (ErrorBody.safeParse(result.body).success) {
    return { status: result.status, body: result.body, ...(result.headers ? { headers: result.headers } : {}) };
  }
  // The sidecar answered instead of the app (ERR_DIRECT_INVOKE and the like).
  throw new AppError('service_unavailable', 'a service behind the gateway is unavailable; try again shortly', {
    headers: { 'Retry-After': '5' },
  });
}
