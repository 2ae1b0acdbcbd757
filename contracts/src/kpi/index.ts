/**
 * The KPI engine (docs/KPIS.md): pure functions over call journeys and agent
 * state history, shared by the appliance's live dashboard, the reports and
 * the central HQ server so a figure is the same wherever it is computed.
 */
export * from './journey.ts';
export * from './settings.ts';
export * from './definitions.ts';
export { scopeKey, type KpiScope } from './units.ts';
export type { KpiBasis, LiveFigures } from './basis.ts';
export {
  computeKpis,
  computeKpiBasis,
  type KpiOptions,
  type KpiPeriod,
  type QueueMembership,
} from './compute.ts';
export { summarizeCall, type CallSummary, type StintSummary } from './summarize.ts';
export { createLiveKpis, type LiveKpis, type LiveKpiConfig } from './live.ts';
export { computeAgentFigures, type AgentFigures, type AgentFigureOptions } from './agent-figures.ts';
export {
  missedCallsFrom,
  contactsFrom,
  callbackTimes,
  recoveryRate,
  type MissedCallRef,
  type ContactRef,
  type CallbackTime,
  type RecoveryResult,
} from './callbacks.ts';
export { intradaySeries, type IntradayBucket, type IntradayOptions } from './intraday.ts';
