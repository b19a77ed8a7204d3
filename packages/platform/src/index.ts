export * from './boot.ts';
export * from './dapr.ts';
export * from './errors.ts';
export * from './http.ts';
export * from './log.ts';
export * from './subscriptions.ts';
export * from './validate.ts';
