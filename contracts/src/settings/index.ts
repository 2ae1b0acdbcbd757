export * from './common.ts';
export * from './pause-reasons.ts';
export * from './operator-modes.ts';
export * from './sounds.ts';
export * from './working-time.ts';
export * from './templates.ts';
export * from './evaluation.ts';
export * from './ticket-workflow.ts';
