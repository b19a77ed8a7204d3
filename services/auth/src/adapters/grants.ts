// Whether a grant still stands, for the gateway: a token whose grant was
// revoked (its holder signed out) is refused at the ingress although its
// signature and expiry still hold. Only the gateway asks.
import type Provider from 'oidc-provider';
import { Router, requireCallingApp } from '@roomstay/platform';

export function grantRouter(provider: Provider): Router {
  const router = new Router();
  router.get('/grants/:grantId', async (ctx) => {
    requireCallingApp(ctx, 'gateway');
    const grant = await provider.Grant.find(ctx.params['grantId'] ?? '');
    // An answer either way, never a refusal: a revoked grant is no failure of auth's.
    ctx.body = { live: grant !== undefined };
  });
  return router;
}
