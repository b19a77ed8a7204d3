// The pub/sub scopes as components/pubsub.yaml declares them (the launcher
// derives the broker's ACLs from the same declaration).
export { readPubsubScopes as declaredScopes } from '../../../tools/stack/pubsub-scopes.ts';
