export * from './api.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './auth.ts';
export * from './internal.ts';
export * from './pages.ts';
export * from './proto.ts';
export * from './text.ts';
