import { ErrorBody } from '@roomstay/contracts';
import { AppError } from '@roomstay/platform';
import { invoke, type DaprClient, type InvokeResult } from '@roomstay/platform/dapr';

/** A browser page's answer as the app gave it: status, the headers a page needs, the bytes. */
export interface PageAnswer {
  status: number;
  /** Location, Content-Type, and each Set-Cookie on its own. */
  headers: readonly (readonly [string, string])[];
  body: Buffer;
}

export interface Upstream {
  call(
    appId: string,
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<InvokeResult>;
  /**
   * A browser's request to a page of an app (auth's sign-in pages): the
   * redirect not followed, cookies passed both ways, the body as bytes.
   */
  page(
    appId: string,
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<PageAnswer>;
}

/** The headers of a page's answer the browser is given; the gateway sets the rest. */
const pageHeaders = ['location', 'content-type'] as const;

/**
 * The apps behind the gateway, reached through its sidecar by service
 * invocation. Pages go to the sidecar's HTTP invocation API directly (the SDK
 * follows redirects and keeps no headers); the sidecar's answer is the app's,
 * status and headers included, or the sidecar's own failure.
 */
export function daprUpstream(client: DaprClient, sidecar: { port: string; apiToken: string }): Upstream {
  return {
    call: (appId, method, path, body, headers) => invoke(client, appId, method, path, body, headers),
    async page(appId, method, path, body, headers) {
      let response: Response;
      try {
        response = await fetch(`http://127.0.0.1:${sidecar.port}/v1.0/invoke/${appId}/method${path}`, {
          method,
          redirect: 'manual',
          headers: { ...headers, 'dapr-api-token': sidecar.apiToken },
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        throw new AppError('service_unavailable', `${appId} could not be reached`, {
          cause: error,
          headers: { 'Retry-After': '5' },
        });
      }
      const kept: [string, string][] = [];
      for (const name of pageHeaders) {
        const value = response.headers.get(name);
        if (value) kept.push([name, value]);
      }
      for (const cookie of response.headers.getSetCookie()) kept.push(['set-cookie', cookie]);
      return { status: response.status, headers: kept, body: Buffer.from(await response.arrayBuffer()) };
    },
  };
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
