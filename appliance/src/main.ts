/**
 * Composition root: config → adapters → features → start; stop in reverse.
 * Nothing else wires modules together, and nothing here holds module-level state.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { topics } from '@edgecall/contracts';
import type { ApplianceConfig } from './config/schema.ts';
import type { Clock, Logger } from './core/ports.ts';
import { createLogger } from './adapters/system/logger.ts';
import { createContentHasher, createRandomness, createScryptHasher } from './adapters/crypto/crypto.ts';
import { openDatabase } from './adapters/db/orm.ts';
import { createHttpApp } from './adapters/http/server.ts';
import { createLiveBroker } from './adapters/mqtt/broker.ts';
import { HSTS_HEADERS, openBranchTls, type BranchTls } from './adapters/tls/branch-tls.ts';
import { Metrics } from './lib/metrics.ts';
import type { RouteSpec } from './lib/http-route.ts';
import { ProfileEntity, SessionEntity, UserEntity } from './features/auth/entities.ts';
import { AuditEntity } from './features/audit/entities.ts';
import { BUILTIN_PROFILES, createAuthService } from './features/auth/service.ts';
import { createAuthStore, ensureProfiles } from './features/auth/store.ts';
import { authRoutes, SESSION_COOKIE } from './features/auth/http.ts';
import { createUserService } from './features/auth/users-service.ts';
import { createUserStore } from './features/auth/users-store.ts';
import { profileRoutes, userRoutes } from './features/auth/users-http.ts';
import { createProfiles } from './features/auth/profiles-service.ts';
import { createProfileStore } from './features/auth/profiles-store.ts';
import { createPbxSettings } from './features/pbx/service.ts';
import { createPbxStore } from './features/pbx/store.ts';
import { pbxRoutes } from './features/pbx/http.ts';
import { openSecretBox } from './adapters/crypto/secret-box.ts';
import { createPbxConfigFiles } from './adapters/system/pbx-config-files.ts';
import { DEMO_USERS, seedUsers } from './features/auth/seed.ts';
import { createAuditService } from './features/audit/service.ts';
import { createAuditStore } from './features/audit/store.ts';
import { auditRoutes } from './features/audit/http.ts';
import { createLiveService } from './features/live/service.ts';
import { createSeqStore } from './features/live/store.ts';
import { liveRoutes } from './features/live/http.ts';
import { healthRoutes } from './features/health/http.ts';
import { ACD_ENTITIES } from './features/acd/entities.ts';
import { createAcdStore } from './features/acd/store.ts';
import { createAcd } from './features/acd/service.ts';
import { createAcdNotifier } from './features/acd/notifier.ts';
import { createRecovery } from './features/acd/recovery.ts';
import { acdRoutes } from './features/acd/http.ts';
import { createSupervision } from './features/acd/supervision-service.ts';
import { createAgentCalls } from './features/acd/agent-call-service.ts';
import { createOutbound } from './features/acd/outbound-service.ts';
import { createTransfers } from './features/acd/transfer-service.ts';
import { createConsults } from './features/acd/consult-service.ts';
import { createQueueIntervention } from './features/acd/queue-intervention.ts';
import { createScheduler } from './adapters/system/scheduler.ts';
import { createAriLink, installAriFaultGuard } from './adapters/ari/link.ts';
import { createAriTelephony } from './adapters/ari/telephony.ts';
import { AcdSettings, DEMO_ACD_SETTINGS, type CreateUserRequest, type SessionUser } from '@edgecall/contracts';
import { demoRoutes, startDemoPbx, type DemoPbx } from './demo.ts';
import { createApplianceSync } from './features/sync/index.ts';
import { createDashboard, dayOf } from './features/dashboard/service.ts';
import { kpiRoutes } from './features/dashboard/http.ts';
import { AlertRules, type AgentState, type AlertRule, type CallJourney } from '@edgecall/contracts';
import { createAlerts } from './features/alerts/service.ts';
import { createAlertStore } from './features/alerts/store.ts';
import { alertRoutes } from './features/alerts/http.ts';
import { createReferenceService } from './features/reference/service.ts';
import { createReferenceStore } from './features/reference/store.ts';
import { referenceRoutes } from './features/reference/http.ts';
import { createContactService } from './features/contacts/service.ts';
import { createContactStore } from './features/contacts/store.ts';
import { contactRoutes } from './features/contacts/http.ts';
import { applyOnce } from './adapters/db/client-mutations.ts';
import { createCallRecords } from './features/call-records/service.ts';
import { createCallRecordStore } from './features/call-records/store.ts';
import { callRecordRoutes } from './features/call-records/http.ts';
import { zlibCodec } from './adapters/system/zip-codec.ts';
import { createXlsxWriter } from './lib/xlsx.ts';
import { createAdminStore } from './features/admin/store.ts';
import { createOperatorModes } from './features/admin/operator-modes.ts';
import { createAdminSettings } from './features/admin/service.ts';
import { adminRoutes } from './features/admin/http.ts';
import { createAgentTimeReport } from './features/reports/service.ts';
import { reportRoutes } from './features/reports/http.ts';
import { createSoxConverter } from './adapters/system/sox.ts';
import { createSoundFiles } from './adapters/system/sound-files.ts';
import { createCallbacks, type Callbacks } from './features/callbacks/service.ts';
import { createCallbackStore } from './features/callbacks/store.ts';
import { createCallbackNotifier } from './features/callbacks/notifier.ts';
import { callbackRoutes } from './features/callbacks/http.ts';
import { createCallLists } from './features/call-lists/service.ts';
import { createCallListLookups } from './features/call-lists/store.ts';
import { callListRoutes } from './features/call-lists/http.ts';
import { EMPTY_TARGETS, Targets } from '@edgecall/contracts';
import { createTargetProgress } from './features/targets/service.ts';
import { createTargetStore } from './features/targets/store.ts';
import { targetRoutes } from './features/targets/http.ts';
import { sha256Bytes } from './adapters/crypto/crypto.ts';
import { createAttachmentFiles } from './adapters/system/attachment-files.ts';
import { createTickets, type Tickets } from './features/tickets/service.ts';
import { createTicketStore } from './features/tickets/store.ts';
import { createAttachments } from './features/tickets/attachments.ts';
import { createSlaMonitor } from './features/tickets/sla-monitor.ts';
import { policyProblems } from './features/tickets/rules.ts';
import { ticketRoutes } from './features/tickets/http.ts';
import type { TicketDeps } from './features/tickets/ports.ts';
import type { TicketPolicy } from '@edgecall/contracts';

const here = dirname(fileURLToPath(import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string }).version;

export const ENTITIES = [ProfileEntity, UserEntity, SessionEntity, AuditEntity, ...ACD_ENTITIES];

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; " +
    "connect-src 'self' ws: wss:; worker-src 'self'; manifest-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; " +
    "form-action 'self'; frame-ancestors 'none'",
};

/** Outside demo mode until an admin sets up queues: one queue takes every call. */
const DEFAULT_ACD_SETTINGS = { queues: [{ id: 'main', name: 'Main', noAgentsAction: 'wait' }], entries: [{ did: '*', queue: 'main' }], hours: { alwaysOpen: true } };

export interface ApplianceHandle {
  url: string;
  port: number;
  mqttTcpPort: number | null;
  /** With HTTPS: the plain-HTTP port (CA page and redirects); null without HTTPS. */
  httpPort: number | null;
  /** The certificate of the HTTPS listener (check() renews it now if due); null without HTTPS. */
  tls: BranchTls | null;
  routes: RouteSpec[];
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Accounts to create at first start (provisioning and tests); skipped when they exist. */
  initialUsers?: CreateUserRequest[];
}

export async function startAppliance(config: ApplianceConfig, deps: StartOptions = {}): Promise<ApplianceHandle> {
  const clock = deps.clock ?? { now: () => Date.now() };
  const logger = deps.logger ?? createLogger(config.logLevel);
  const log = logger.child('appliance:main');
  const startedAt = clock.now();
  const metrics = new Metrics();
  const random = createRandomness();
  const hasher = createScryptHasher();
  // First, so a bad certificate setting stops the start before anything else opens.
  const tls = config.https
    ? await openBranchTls({
        dataDir: config.dataDir,
        site: config.site,
        extraNames: config.tlsNames,
        listenHost: config.host,
        operator: config.tlsCert && config.tlsKey ? { certFile: config.tlsCert, keyFile: config.tlsKey } : undefined,
        clock,
        logger,
        headers: SECURITY_HEADERS,
      })
    : null;

  const db = await openDatabase({ dataDir: config.dataDir, entities: ENTITIES, logger });
  await ensureProfiles(db.em, BUILTIN_PROFILES, clock.now());

  const audit = createAuditService({ store: createAuditStore(db.em), clock, hasher: createContentHasher() });
  const authStore = createAuthStore(db.em);
  const auth = createAuthService({
    store: authStore,
    hasher,
    random,
    clock,
    logger,
    options: {
      sessionTtlMs: config.sessionTtlHours * 3_600_000,
      mqttTokenTtlMs: config.mqttTokenTtlMinutes * 60_000,
      // Until queue settings land, a group's queue carries the group's id.
      queuesOfGroups: (groups) => [...groups],
      site: config.site,
    },
  });

  const broker = await createLiveBroker({ authenticate: auth.authenticateLive, logger, metrics });
  const live = await createLiveService({
    site: config.site,
    clock,
    seqStore: createSeqStore(db.em),
    send: (topic, payload, retain) => void broker.publish(topic, payload, retain).catch((err) => log.error('publish failed', { err, topic })),
  });

  const users = createUserService({
    store: createUserStore(db.em),
    hasher,
    random,
    clock,
    audit,
    endSessions: async (userId) => {
      for (const id of await authStore.endSessionsOfUser(userId, clock.now())) broker.disconnectSession(id);
    },
  });
  // ── profiles (issue 6): a change re-checks every live connection at once ──
  const profileLinks: { usage?: (id: string) => Promise<{ what: string; count: number }[]> } = {};
  const profileStore = createProfileStore(db.em);
  const profiles = createProfiles({
    store: profileStore,
    clock,
    ids: () => random.id(),
    audit,
    usage: async (id) => (profileLinks.usage ? profileLinks.usage(id) : []),
    onChanged: () => broker.recheck((sessionId) => auth.liveSubjectOfSession(sessionId)),
  });
  const seeded = await seedUsers(users, [...(config.demo ? DEMO_USERS : []), ...(deps.initialUsers ?? [])]);
  if (seeded) log.info('users seeded', { count: seeded, demo: config.demo });

  // ── telephony: the ACD on ARI (a real Asterisk, or the simulator in demo mode) ──
  const scheduler = createScheduler();
  const sync = createApplianceSync({ em: db.em, dataDir: config.dataDir, settings: config, clock, scheduler, logger, appVersion: VERSION, ids: () => random.id() });
  const journeyLatency = metrics.summary('edgecall_journey_latency_ms', 'From the PBX event to the committed journey event, ms');
  const journeyEvents = metrics.counter('edgecall_journey_events_total', 'Journey events committed (ACD decisions recorded)');
  const acdStore = createAcdStore(db.em, {
    outbox: sync.writeOutbox,
    ids: () => random.id(),
    onOutboxError: (err) => log.error('sync outbox row not written', { err }),
  });
  let acdSettings = (await acdStore.loadSettings()) ?? AcdSettings.parse(config.demo ? DEMO_ACD_SETTINGS : DEFAULT_ACD_SETTINGS);
  await acdStore.saveSettings(acdSettings, clock.now());
  const demoPbx: DemoPbx | null = !config.ari && config.demo ? await startDemoPbx({ dataDir: config.dataDir, logger, callsPerMinute: config.demoCallsPerMinute }) : null;
  const ariSettings = config.ari ?? demoPbx?.ari ?? null;
  const removeGuard = ariSettings ? installAriFaultGuard(logger) : () => undefined;
  const link = ariSettings ? createAriLink(ariSettings, logger) : null;
  const telephony = link ? createAriTelephony(link, { app: ariSettings!.app }) : null;
  // Operator modes (issue 6) exist before the ACD: every dispatch asks them.
  const adminStore = createAdminStore(db.em);
  const operatorModes = await createOperatorModes({ store: adminStore, clock, audit });
  const acdRef: { notifier?: ReturnType<typeof createAcdNotifier>; dashboard?: ReturnType<typeof createDashboard>; callbacks?: Callbacks } = {};
  const acd = createAcd({
    telephony: telephony ?? (null as never),
    store: acdStore,
    clock,
    scheduler,
    logger,
    settings: () => acdSettings,
    ids: () => random.id(),
    linkUp: () => link?.state() === 'connected',
    requestCallback: (req) => void acdRef.callbacks?.requestCallback(req),
    offersQueueCalls: operatorModes.offersQueueCalls,
    observeLatency: (ms, n) => {
      journeyLatency.observe(ms);
      journeyEvents.inc({}, n);
    },
    listener: {
      agentChanged: (a) => {
        acdRef.notifier?.listener.agentChanged(a);
        acdRef.dashboard?.applyAgent({ agent: a.agent, state: a.state, reason: a.reason ?? undefined, at: a.since });
        acdRef.dashboard?.membershipChanged();
        acdRef.callbacks?.agentChanged(a);
      },
      queueChanged: (q) => acdRef.notifier?.listener.queueChanged(q),
      journey: (c, e) => {
        acdRef.notifier?.listener.journey(c, e);
        acdRef.dashboard?.applyJourney(c.id, c.direction, e);
        acdRef.callbacks?.journey(c, e);
      },
    },
  });
  acdRef.notifier = createAcdNotifier({ site: config.site, publisher: live.publisher, clock, scheduler, calls: () => acd.calls.values(), agents: () => acd.agents.values() });
  for (const a of await acdStore.loadAgents()) acd.agents.set(a.agent, a);
  // Until groups and queues differ (decision 0002), each queue is its own group.
  const groups = () => Object.fromEntries(acdSettings.queues.map((q) => [q.id, [q.id]]));
  const membership = () => Object.fromEntries(acdSettings.queues.map((q) => [q.id, [...acd.agents.values()].filter((a) => a.queues.includes(q.id)).map((a) => a.agent)]));
  const utcOffset = () => acdSettings.hours.utcOffsetMinutes;
  let targets: Targets = Targets.catch(EMPTY_TARGETS).parse((await acdStore.loadSetting('targets')) ?? {});
  const dashboard = createDashboard({ site: config.site, clock, scheduler, publisher: live.publisher, settings: () => acdSettings, groups, membership, utcOffsetMinutes: utcOffset, targets: () => targets });
  acdRef.dashboard = dashboard;
  const kpiSource = {
    async journeys(from: number, to: number): Promise<CallJourney[]> {
      const out: CallJourney[] = [];
      for (let offset = 0; ; offset += 5000) {
        const page = await acdStore.journeys({ from, to, limit: 5000, offset });
        out.push(...page.items.map((j) => ({ callId: j.id, direction: j.direction, events: j.events })));
        if (page.items.length < 5000) return out;
      }
    },
    async agentHistory(from: number, to: number) {
      return (await acdStore.agentHistory(from, to)).map((h) => ({ agent: h.agent, state: h.state as AgentState, reason: h.reason ?? undefined, at: h.at }));
    },
  };
  {
    // Today's figures start from what is stored, then follow events live.
    const today = dayOf(clock.now(), utcOffset());
    for (const j of await kpiSource.journeys(today.from, today.to)) dashboard.applyJourney(j.callId, j.direction, j.events);
    for (const a of acd.agents.values()) dashboard.applyAgent({ agent: a.agent, state: a.state, reason: a.reason ?? undefined, at: a.since });
  }
  live.onSnapshot(() => {
    acdRef.notifier!.publishAll(acdSettings.queues.map((q) => q.id));
    dashboard.publishNow();
  });
  dashboard.start();

  let alertRules: AlertRule[] = AlertRules.catch([]).parse((await acdStore.loadSetting('alerts')) ?? []);
  const alerts = createAlerts({
    site: config.site,
    clock,
    publisher: live.publisher,
    store: createAlertStore(db.em),
    rules: () => alertRules,
    snapshot: (scope) => dashboard.snapshot(scope),
    groupsFor: (scope) => (scope === 'branch' ? Object.keys(groups()) : scope.startsWith('group:') ? [scope.slice(6)] : Object.entries(groups()).filter(([, qs]) => qs.includes(scope.slice(6))).map(([g]) => g)),
    groupQueues: (g) => groups()[g] ?? [g],
  });
  const alertTimer = setInterval(() => alerts.evaluate(), 5000);
  const targetProgress = createTargetProgress({
    clock,
    source: kpiSource,
    store: createTargetStore(db.em),
    targets: () => targets,
    queues: () => acdSettings.queues.map((q) => q.id),
    agents: () => [...acd.agents.values()].map((a) => ({ agent: a.agent, queues: a.queues })),
    queueFigures: (journeys, history, queue, from, to) => dashboard.compute(journeys, history, { queue }, from, to),
    utcOffsetMinutes: utcOffset,
  });
  const agentCalls = telephony ? createAgentCalls({ acd, tel: telephony, logger }) : null;
  const outbound = telephony ? createOutbound({ acd, tel: telephony, clock, logger, ids: () => random.id(), settings: () => acdSettings }) : null;
  const transfers = telephony ? createTransfers({ acd, tel: telephony, logger, ids: () => random.id() }) : null;
  const consults = telephony && agentCalls ? createConsults({ acd, tel: telephony, logger, agentCalls, ids: () => random.id() }) : null;
  const supervision = telephony ? createSupervision({ acd, tel: telephony, logger, ids: () => random.id(), dialTemplate: () => acdSettings.dialTemplate }) : null;
  if (link && telephony) {
    const recovery = createRecovery({ acd, tel: telephony, store: acdStore, logger, now: () => clock.now(), defaultQueue: () => acdSettings.queues[0].id });
    link.onEvent((e) => acd.handle(e));
    link.onConnected(() => recovery.resync());
    link.start();
  }
  if (demoPbx) {
    const agentUsers = new Map<string, { userId: string; queues: string[] }>();
    for (const u of (await users.list({ offset: 0, limit: 200 })).items) {
      if (u.agentNumber) agentUsers.set(u.agentNumber, { userId: u.id, queues: [...u.groups] });
    }
    demoPbx.startTraffic({ acd, agentUsers });
  }

  // ── operator records: reference lists, contacts, call records (issue 5) ──
  const recordsHasher = createContentHasher();
  // Issue 7 wires tickets later; the reference and contact services reach them through these.
  const ticketLinks: { tickets?: Tickets; policyProblems?: (p: TicketPolicy) => Promise<{ field: string; message: string }[]> } = {};
  const reference = createReferenceService({
    store: createReferenceStore(db.em),
    clock,
    ids: () => random.id(),
    audit,
    hash: (text) => recordsHasher.sha256(text),
    checkTicketPolicy: async (p) => (ticketLinks.policyProblems ? ticketLinks.policyProblems(p) : []),
  });
  const contacts = createContactService({
    store: createContactStore(db.em, { applyOnce }),
    clock,
    ids: () => random.id(),
    audit,
    openTickets: async (key, ids) => (ticketLinks.tickets ? ticketLinks.tickets.openFor(key, ids) : []),
  });
  const callRecords = createCallRecords({
    store: createCallRecordStore(db.em, { applyOnce: (clientId, now, write) => applyOnce(db.em, clientId, now, write), outbox: sync.writeOutbox }),
    clock,
    ids: () => random.id(),
    checkReference: (input) => reference.check(input),
    contactExists: (id) => contacts.exists(id),
    callNumber: async (id) => (await acdStore.journey(id))?.number,
  });
  // ── callback list and call lists (issue 5) ──
  const xlsxWriter = createXlsxWriter(zlibCodec);
  const callbacks = createCallbacks({
    store: createCallbackStore(db.em, (clientId, now, write) => applyOnce(db.em, clientId, now, (run) => write(run))),
    clock,
    scheduler,
    logger,
    ids: () => random.id(),
    queues: () => acdSettings.queues,
    storedJourney: async (id) => {
      const j = await acdStore.journey(id);
      return j ? { callId: j.id, direction: j.direction, events: j.events } : null;
    },
    journeys: (from, to) => kpiSource.journeys(from, to),
    // Inbound-only agents stay known (a supervisor may still hand them a callback) but never look ready to the assigner.
    agents: () => [...acd.agents.values()].map((a) => (operatorModes.autoAssignsCallbacks(a.agent) || a.state !== 'ready' ? a : { ...a, state: 'paused' as const })),
    notifier: createCallbackNotifier({ site: config.site, publisher: live.publisher }),
    dial: outbound ? (agent, number) => outbound.dial(agent, number) : null,
  });
  acdRef.callbacks = callbacks;
  await callbacks.start();
  const callLists = createCallLists({
    clock,
    async calls(from, to) {
      const out = [];
      for (let offset = 0; ; offset += 5000) {
        const page = await acdStore.journeys({ from, to, limit: 5000, offset });
        out.push(...page.items);
        if (page.items.length < 5000) return out;
      }
    },
    lookups: createCallListLookups(db.em),
    queues: () => acdSettings.queues,
    recordingOf: async (id) => {
      const j = await acdStore.journey(id);
      return j ? { recording: j.recording } : null;
    },
    storedRecording: telephony ? (name) => telephony.storedRecording(name) : null,
  });

  // ── admin settings and agent time (issue 6) ──
  const saveAcdSettings = async (next: AcdSettings) => {
    await acdStore.saveSettings(next, clock.now());
    acdSettings = next;
    dashboard.settingsChanged();
  };
  const admin = createAdminSettings({
    store: adminStore,
    clock,
    ids: () => random.id(),
    audit,
    operatorModes,
    converter: createSoxConverter({ soxPath: config.soxPath }),
    files: createSoundFiles({
      own: join(config.dataDir, 'sounds'),
      // Demo mode: the simulator plays what lands in its sounds directory, with the file's real length.
      pbx: config.asteriskSoundsDir ?? (demoPbx ? join(demoPbx.sim.dataDir, 'sounds') : join(config.dataDir, 'sounds')),
    }),
    acdSettings: () => acdSettings,
    applyAcdSettings: saveAcdSettings,
    pbxHasSound: async (name) => (telephony && link?.state() === 'connected' ? telephony.soundExists(name) : null),
    profileIds: async () => new Set((await profileStore.profiles()).map((p) => p.id)),
    profileIdOf: async (user) => (await profileStore.profiles()).find((p) => p.name === user.profile)?.id ?? null,
  });
  profileLinks.usage = (id) => admin.approvals.profileUsage(id);
  // ── agent numbers and the trunk (issue 6): pushed to the PBX over ARI, rendered for its image ──
  const userStoreForPbx = createUserStore(db.em);
  const linkedUser = (u: { id: string; username: string; displayName: string; agentNumber: string | null } | null) => (u ? { id: u.id, username: u.username, displayName: u.displayName, agentNumber: u.agentNumber } : null);
  const pbxSettings = createPbxSettings({
    store: createPbxStore(db.em),
    pbx: {
      connected: () => !!telephony && link?.state() === 'connected',
      put: (obj) => (telephony ? telephony.putConfigObject(obj) : Promise.reject({ status: 503, message: 'no PBX configured' })),
      remove: (type, id) => (telephony ? telephony.deleteConfigObject(type, id) : Promise.reject({ status: 503, message: 'no PBX configured' })),
    },
    secrets: openSecretBox(join(config.dataDir, 'secrets')),
    files: createPbxConfigFiles(config.asteriskConfigDir ?? join(config.dataDir, 'asterisk')),
    clock,
    logger,
    audit,
    site: config.site,
    newPassword: () => random.token(18),
    users: {
      get: async (id) => linkedUser(await userStoreForPbx.get(id)),
      byAgentNumber: async (n) => linkedUser(await userStoreForPbx.byAgentNumber(n)),
      setAgentNumber: async (userId, number, actor) => void (await users.update(userId, { agentNumber: number }, actor)),
    },
    acd: { current: () => acdSettings, apply: saveAcdSettings },
  });
  link?.onConnected(() => void pbxSettings.resync());
  if (link?.state() === 'connected') void pbxSettings.resync();
  const agentTime = createAgentTimeReport({
    agentHistory: (from, to) => kpiSource.agentHistory(from, to),
    pauseReasons: () => admin.pauseReasons.classification(),
    agentNames: async () => new Map((await adminStore.agentDirectory()).map((u) => [u.agent, u.name])),
    now: () => clock.now(),
  });
  const visibleAgents = async (user: SessionUser): Promise<ReadonlySet<string> | null> => {
    if (user.kind === 'admin') return null;
    if (user.kind !== 'supervisor') return new Set(user.agentNumber ? [user.agentNumber] : []);
    return new Set((await adminStore.agentDirectory()).filter((u) => u.groups.some((g) => user.groups.includes(g))).map((u) => u.agent));
  };

  // ── electronic requests (issue 7) ──
  const ticketLifecycle = async () => {
    const w = await admin.tickets.workflow();
    return { statuses: w.statuses, transitions: w.transitions };
  };
  const ticketDeps: TicketDeps = {
    store: createTicketStore(db.em, { applyOnce, outbox: sync.writeOutbox }),
    clock,
    ids: () => random.id(),
    site: config.site,
    checkReference: (input) => reference.check(input),
    requestType: (id) => reference.get('request_type', id),
    referenceNames: async () => {
      const [t, c, l] = await Promise.all([reference.all('request_type'), reference.all('classification'), reference.all('location')]);
      return new Map([...t, ...c, ...l].map((i) => [i.id, i.name] as [string, string]));
    },
    contact: (id) => contacts.get(id).catch(() => null),
    callInfo: async (id) => {
      const j = await acdStore.journey(id);
      return j ? { number: j.number, queue: j.queue ?? null, agent: j.agent ?? null, arrivedAt: j.arrivedAt, answeredAt: j.answeredAt ?? null, endedAt: j.endedAt ?? null, hasRecording: !!j.recording } : undefined;
    },
    lifecycle: ticketLifecycle,
    hours: () => acdSettings.hours,
    groups: () => Object.keys(groups()),
    template: (id) => adminStore.get('template', id),
    files: createAttachmentFiles(join(config.dataDir, 'attachments')),
    alerts: { raise: (a) => alerts.raiseExternal(a), clear: (id) => alerts.clearExternal(id), activeIds: () => alerts.externalIds() },
    sha256: sha256Bytes,
    // The campaigns module will send SMS/e-mail here; until then the request is only recorded.
    onStatusChange: async (c) => {
      if (c.notifyCustomer) log.info('customer notification requested (no campaigns module yet)', { ticket: c.ticket.ref, from: c.from, to: c.to, contact: c.contact?.id ?? null });
    },
  };
  const tickets = createTickets(ticketDeps);
  const ticketAttachments = createAttachments(ticketDeps, tickets);
  const slaMonitor = createSlaMonitor(ticketDeps, tickets);
  ticketLinks.tickets = tickets;
  ticketLinks.policyProblems = async (p) =>
    policyProblems(p, { groups: Object.keys(groups()), lifecycle: await ticketLifecycle(), template: p.templateId ? await adminStore.get('template', p.templateId) : null });
  const slaTimer = setInterval(() => void slaMonitor.check().catch((err) => log.error('SLA check failed', { err })), 5000);
  void slaMonitor.check().catch((err) => log.error('SLA check failed', { err }));

  const routes: RouteSpec[] = [
    ...healthRoutes({
      probes: [
        { name: 'database', check: async () => ((await db.em().getConnection().execute('select 1 as ok'))[0]?.ok === 1 ? 'ok' : 'no answer') },
        { name: 'live', check: async () => (broker.broker.closed ? 'closed' : 'ok') },
        { name: 'pbx', check: async () => (!link ? 'degraded: no PBX configured' : link.state() === 'connected' ? 'ok' : `degraded: ARI ${link.state()}`) },
      ],
      metrics,
      version: VERSION,
      startedAt,
    }),
    ...authRoutes(auth, { site: config.site, onLogout: (sessionId) => broker.disconnectSession(sessionId) }),
    ...userRoutes(users),
    ...profileRoutes(profiles),
    ...pbxRoutes(pbxSettings),
    ...auditRoutes(audit),
    ...liveRoutes(live, auth.liveSubjectOf),
    ...sync.routes,
    ...alertRoutes({
      alerts,
      rules: () => alertRules,
      saveRules: async (rules) => {
        await acdStore.saveSetting('alerts', rules, clock.now());
        alertRules = rules;
        alerts.evaluate();
      },
      audit,
    }),
    ...targetRoutes({
      progress: targetProgress,
      targets: () => targets,
      saveTargets: async (next) => {
        await acdStore.saveSetting('targets', next, clock.now());
        targets = next;
        dashboard.targetsChanged();
      },
      audit,
      visibleQueues: (user) => (user.kind === 'admin' ? null : new Set(user.groups.flatMap((g) => groups()[g] ?? [g]))),
    }),
    // ── routes: operator records (issue 5) ──
    ...referenceRoutes({ reference, xlsx: xlsxWriter }),
    ...contactRoutes({ contacts, xlsx: xlsxWriter }),
    ...callRecordRoutes(callRecords),
    ...ticketRoutes({ tickets, attachments: ticketAttachments, monitor: slaMonitor, referenceNames: ticketDeps.referenceNames, xlsx: xlsxWriter }),
    // ── routes: admin settings and agent time (issue 6) ──
    ...adminRoutes({ admin, xlsx: xlsxWriter }),
    ...reportRoutes({ agentTime, visibleAgents, todayFrom: () => dayOf(clock.now(), utcOffset()).from, xlsx: xlsxWriter }),
    // ── routes: callbacks and call lists (issue 5) ──
    ...callbackRoutes({ callbacks, audit, xlsx: xlsxWriter, today: () => dayOf(clock.now(), utcOffset()), now: () => clock.now() }),
    ...callListRoutes({ lists: callLists, xlsx: xlsxWriter, audit }),
    ...(demoPbx ? demoRoutes(demoPbx) : []),
    ...kpiRoutes({ dashboard, source: kpiSource, groups, now: () => clock.now(), todayFrom: () => dayOf(clock.now(), utcOffset()).from }),
    ...acdRoutes({
      acd,
      store: acdStore,
      audit,
      queuesOfUser: (user) => [...user.groups],
      currentSettings: () => acdSettings,
      checkPauseReason: (reason) => admin.pauseReasons.check(reason),
      applySettings: async (next) => {
        await admin.sounds.checkSettings(next, acdSettings);
        await acdStore.saveSettings(next, clock.now());
        acdSettings = next;
        dashboard.settingsChanged();
      },
      now: () => clock.now(),
      supervision,
      agentCalls,
      outbound,
      transfers,
      consults,
      interventions: createQueueIntervention({ acd }),
    }),
  ];

  const pwaDist = resolve(config.pwaDist ?? join(here, '..', '..', 'pwa', 'dist'));
  if (!existsSync(join(pwaDist, 'index.html'))) log.warn('PWA bundle missing; run npm run build:pwa', { pwaDist });
  const app = createHttpApp({
    routes,
    authenticate: auth.authenticate,
    sessionCookie: SESSION_COOKIE,
    logger,
    metrics,
    staticDir: existsSync(pwaDist) ? pwaDist : undefined,
    secureCookies: config.secureCookies || !!tls,
    headers: tls ? { ...SECURITY_HEADERS, ...HSTS_HEADERS } : SECURITY_HEADERS,
  });

  // Retained state first, listeners second: the first client already sees a full picture.
  live.publishSnapshots();
  const heartbeat = setInterval(() => live.heartbeat(), 5000);
  live.heartbeat();

  const server: Server = tls ? tls.createServer(app.callback()) : createServer(app.callback());
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] === '/mqtt') broker.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(config.port, config.host, () => res());
  });
  const port = (server.address() as { port: number }).port;
  const mqttTcpPort = config.mqttTcpPort !== undefined ? await broker.listenTcp(config.mqttTcpPort) : null;
  const httpPort = tls ? await tls.listenHttp(config.httpPort ?? 8081, config.host, port) : null;
  sync.start();
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  log.info('appliance started', { url, httpPort, site: config.site, demo: config.demo, mqttTcpPort, version: VERSION, topics: topics.sysOnline(config.site) });

  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    mqttTcpPort,
    httpPort,
    tls,
    routes,
    stop() {
      stopping ??= (async () => {
        log.info('appliance stopping');
        clearInterval(heartbeat);
        dashboard.stop();
        clearInterval(alertTimer);
        clearInterval(slaTimer);
        await demoPbx?.stopTraffic();
        callbacks.stop();
        await link?.stop();
        await sync.stop();
        scheduler.cancelAll();
        live.goingOffline();
        await new Promise<void>((r) => setTimeout(r, 20));
        await tls?.stop();
        server.closeIdleConnections();
        const closed = new Promise<void>((r) => server.close(() => r()));
        setTimeout(() => server.closeAllConnections(), 2000).unref();
        await broker.close();
        await closed;
        await db.close();
        await demoPbx?.stop();
        removeGuard();
        log.info('appliance stopped');
      })();
      return stopping;
    },
  };
}
