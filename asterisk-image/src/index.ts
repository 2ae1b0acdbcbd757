export * from './settings-error.ts';
export {
  SettingsSchema,
  DialTemplate,
  parseSettings,
  outboundRoute,
  dahdiPlanOf,
  trunkContactUser,
  SIP_DIAL_DEFAULT,
  REMOTE_DIAL_DEFAULT,
} from './settings.ts';
export type { Settings, SettingsInput, AgentPhone, Trunk } from './settings.ts';
export {
  AGENT_AOR_OPTIONS,
  AGENT_AUTH_OPTIONS,
  AGENT_ENDPOINT_OPTIONS,
  TEMPLATE_NAMES,
  agentDynamicObjects,
  resolveAgentDialString,
  callerId,
} from './agent-endpoints.ts';
export type { ConfigTuple, DynamicObject, TemplateOption } from './agent-endpoints.ts';
export { trunkDynamicObjects } from './trunk-endpoints.ts';
export { renderAriConf, renderHttpConf } from './render-ari.ts';
export { renderExtensionsConf } from './render-extensions.ts';
export { renderPjsipConf } from './render-pjsip.ts';
export {
  renderIndicationsConf,
  renderLoggerConf,
  renderModulesConf,
  renderMusicOnHoldConf,
  renderRtpConf,
  renderSorceryConf,
} from './render-platform.ts';
export {
  renderAll,
  renderChanDahdiConf,
  renderDahdiHostFiles,
  ASTERISK_CONFIG_FILES,
  APPLY_CHANGES,
} from './render-all.ts';
export type { AsteriskConfigFile } from './render-all.ts';
