// Everything but the Dapr client (@roomstay/platform/dapr): an app that calls no
// sidecar API does not load the Dapr SDK (about 30 MiB of an idle app).
export * from './boot.ts';
export * from './versioned.ts';
export * from './errors.ts';
export * from './http.ts';
export * from './log.ts';
export * from './subscriptions.ts';
export * from './validate.ts';
export * from './identity.ts';
export * from './outbox.ts';
export * from './faults.ts';
export * from './pages.ts';
export * from './due.ts';
