// Who is calling. Only the gateway verifies tokens; it forwards the caller's
// identity, taken from the verified token alone, in these headers.
import type { Context } from 'koa';
import { AppError } from './errors.ts';

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
  const customerId = ctx.get(identityHeaders.customerId);
  const role = ctx.get(identityHeaders.role);
  if (!customerId || (role !== 'customer' && role !== 'admin')) {
    throw new AppError('unauthorized', 'the caller is not identified');
  }
  return { customerId, role, name: decodeURIComponent(ctx.get(identityHeaders.name) || customerId) };
}
