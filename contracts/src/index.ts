export * from './errors.ts';
export * from './permissions.ts';
export * from './auth.ts';
export * from './topics.ts';
export * from './mqtt-acl.ts';
export * from './kpi/index.ts';
export * from './acd-settings.ts';
export * from './alerts.ts';
