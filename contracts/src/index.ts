export * from './errors.ts';
export * from './permissions.ts';
export * from './auth.ts';
export * from './topics.ts';
export * from './mqtt-acl.ts';
