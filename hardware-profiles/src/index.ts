export * from './errors.ts';
export * from './profile-schema.ts';
export * from './profiles.ts';
export * from './selection-schema.ts';
export * from './plan.ts';
export * from './render-system-conf.ts';
export * from './render-chan-dahdi-conf.ts';
export * from './render-modules.ts';
