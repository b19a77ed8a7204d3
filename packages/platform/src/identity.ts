// Who is calling. Only the gateway verifies tokens; it forwards the caller's
// identity, taken from the verified token alone, in these headers. An app
// believes them only when the call comes from the gateway, as the sidecars
// attest it: the caller's sidecar sets dapr-caller-app-id from its own
// identity (an mTLS certificate Sentry gave it), after whatever the caller
// sent in that header, so a forged value shows up as a list and is refused.
import type { Context } from 'koa';
import { AppError } from './errors.ts';

/** The app the sidecars say is calling, when they say exactly one. */
export function callingApp(ctx: Context): string | undefined {
  const value = ctx.get('dapr-caller-app-id');
  return /^[a-z0-9-]+$/.test(value) ? value : undefined;
}

/** Refuses a call that does not come from the named app. */
export function requireCallingApp(ctx: Context, appId: string): void {
  if (callingApp(ctx) !== appId) throw new AppError('forbidden', `only ${appId} may call this`);
}

export type Role = 'customer' | 'admin';

export interface Caller {
  customerId: string;
  name: string;
  role: Role;
}

export const identityHeaders = {
  customerId: 'x-caller-id',
  name: 'x-caller-name',
  role: 'x-caller-role',
} as const;

export function callerHeaders(caller: Caller): Record<string, string> {
  return {
    [identityHeaders.customerId]: caller.customerId,
    [identityHeaders.name]: encodeURIComponent(caller.name),
    [identityHeaders.role]: caller.role,
  };
}

export function callerOf(ctx: Context): Caller {
  requireCallingApp(ctx, 'gateway');
  const customerId = ctx.get(identityHeaders.customerId);
  const role = ctx.get(identityHeaders.role);
  if (!customerId || (role !== 'customer' && role !== 'admin')) {
    throw new AppError('unauthorized', 'the caller is not identified');
  }
  return { customerId, role, name: decodeURIComponent(ctx.get(identityHeaders.name) || customerId) };
}
