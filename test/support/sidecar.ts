import type { DaprClient } from '@roomstay/platform';
import { testAppToken } from '../../packages/platform/test/support/http.ts';

/**
 * A stand-in for the sidecar hop in contract tests: routes
 * `client.invoker.invoke(app, path, method, body)` to a local server and
 * reports failures the way the SDK does.
 */
export function sidecarTo(port: number, callerAppId: string): DaprClient {
  return {
    invoker: {
      invoke: async (_app: string, path: string, httpMethod: string, body: unknown) => {
        const response = await fetch(`http://127.0.0.1:${port}/${path}`, {
          method: httpMethod,
          // What the callee's sidecar adds: the callee's app token and the caller's attested id.
          headers: {
            'dapr-api-token': testAppToken,
            'dapr-caller-app-id': callerAppId,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok)
          throw new Error(JSON.stringify({ error: response.statusText, error_msg: text, status: response.status }));
        return text ? (JSON.parse(text) as unknown) : undefined;
      },
    },
  } as unknown as DaprClient;
}
