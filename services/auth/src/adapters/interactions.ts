// The interaction pages oidc-provider sends the browser to during an
// authorization request: sign-in with a password, then consent. They live under
// /auth/interaction/<uid> beside the provider and finish the interaction
// through its own API, so the code and the session are always oidc-provider's.
// A form post carries no token: the interaction is bound to its SameSite=Lax
// cookie, which another site's form does not send.
import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import type Provider from 'oidc-provider';
import type { AccountDirectory } from '../application/accounts.ts';
import { consentPage, errorPage, languageOf, loginPage, type Language } from './pages.ts';

const interactionPath = /^\/auth\/interaction\/([A-Za-z0-9_-]{1,100})(?:\/(login|confirm|abort))?$/;

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

async function formOf(ctx: Parameters<Middleware>[0]): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) return new URLSearchParams();
  return new URLSearchParams(await getRawBody(ctx.req, { limit: '4kb', encoding: 'utf-8' }));
}

export function interactionPages(provider: Provider, accounts: AccountDirectory): Middleware {
  return async (ctx, next) => {
    const match = interactionPath.exec(ctx.path);
    if (!match) return next();
    const [, uid = '', action] = match;
    const method = action ? 'POST' : 'GET';
    if (ctx.method !== method) {
      ctx.status = 405;
      ctx.set('Allow', method);
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';

    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      // No interaction cookie, an expired interaction: start again from the site.
      ctx.status = 400;
      ctx.body = errorPage(languageOf(ctx.query['lang']), { error: 'interaction_expired' });
      return;
    }
    if (interaction.uid !== uid) {
      ctx.status = 400;
      ctx.body = errorPage(languageOf(ctx.query['lang']), { error: 'interaction_mismatch' });
      return;
    }
    const form = action ? await formOf(ctx) : new URLSearchParams();
    const chosen = typeof ctx.query['lang'] === 'string' ? ctx.query['lang'] : form.get('lang');
    const language: Language = languageOf(chosen ?? interaction.params['ui_locales']);

    const finish = async (result: Parameters<Provider['interactionResult']>[2]) => {
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
      ctx.status = 303;
      ctx.redirect(returnTo);
    };

    if (action === 'abort') {
      await finish({ error: 'access_denied', error_description: 'the customer cancelled the sign-in' });
      return;
    }
    const prompt = interaction.prompt.name;
    if (action === undefined) {
      ctx.body =
        prompt === 'login'
          ? loginPage({ language, uid })
          : consentPage({ language, uid, scopes: requestedScopes(interaction) });
      return;
    }
    if (action === 'login' && prompt === 'login') {
      const username = form.get('username') ?? '';
      const account = await accounts.authenticate(username, form.get('password') ?? '');
      if (!account) {
        // 400, as the token endpoint answers a wrong password: the gateway budgets these as failed sign-ins.
        ctx.status = 400;
        ctx.body = loginPage({ language, uid, username, failed: true });
        return;
      }
      await finish({ login: { accountId: account.accountId } });
      return;
    }
    if (action === 'confirm' && prompt === 'consent') {
      await finish({ consent: { grantId: await grantFor(provider, interaction) } });
      return;
    }
    ctx.status = 400;
    ctx.body = errorPage(language, { error: 'unexpected_step' });
  };
}

function requestedScopes(interaction: Interaction): string[] {
  const scope = interaction.params['scope'];
  return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
}

/** The grant the customer consents to: what the request asked that the grant lacks. */
async function grantFor(provider: Provider, interaction: Interaction): Promise<string> {
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params['client_id'];
  const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  const grant =
    existing ?? new provider.Grant({ accountId, clientId: typeof clientId === 'string' ? clientId : undefined });
  const details = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}
