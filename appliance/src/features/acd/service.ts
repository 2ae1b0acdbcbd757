import { AppError, type AcdSettings, type QueueSettings } from '@edgecall/contracts';
import type { Clock, Logger, Scheduler } from '../../core/ports.ts';
import type { ChannelInfo, Telephony, TelephonyEvent } from '../../core/telephony.ts';
import { isOpen } from '../../core/acd/hours.ts';
import { AgentStateError, newAgent, transition, type AgentAction, type AgentRuntime } from '../../core/acd/agents.ts';
import { selectAgents } from '../../core/acd/routing.ts';
import { clearTimer, newContext, setTimer, type CallContext, type NewJourneyEvent } from './call-context.ts';
import { createIvr } from './ivr.ts';
import { createAnnouncer } from './announcer.ts';
import type { AcdStore, CallSummary } from './ports.ts';

export interface AcdListener {
  agentChanged(agent: AgentRuntime): void;
  queueChanged(queueId: string): void;
  journey(call: CallSummary, events: import('@edgecall/contracts').JourneyEvent[]): void;
}

export interface AcdDeps {
  telephony: Telephony;
  store: AcdStore;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  settings: () => AcdSettings;
  listener: AcdListener;
  ids: () => string;
  /** False while the PBX link is down: no offers are made that could only fail. */
  linkUp: () => boolean;
  /** Milliseconds from the arrival of the PBX event that caused journey events to their commit (benchmarks, /metrics). */
  observeLatency?: (ms: number, events: number) => void;
  /** A caller whose wait ran out into the callback list (the callbacks feature, wired in main.ts). */
  requestCallback?: (req: { callId: string; number: string; queue: string }) => void;
  /** False for an agent who takes no queue calls (an outbound-only operator mode); absent: everyone does. */
  offersQueueCalls?: (agent: string) => boolean;
}

/** Missed offers pause the agent with this system reason (KPIS.md: missed by agent). */
export const SYSTEM_PAUSE_MISSED = 'system:missed_calls';

/**
 * The ACD: every inbound call enters here through Stasis, and the appliance
 * answers, runs the IVR, queues, offers agents, bridges, records, and writes
 * every moment of the journey. Pure decisions live in core/acd; this service
 * orders the PBX around through the Telephony port.
 */
export function createAcd(deps: AcdDeps) {
  const { telephony: tel, store, clock, scheduler, settings, listener } = deps;
  const log = deps.logger.child('feature:acd');
  const calls = new Map<string, CallContext>();
  /** Channel id → (call, role). */
  const channels = new Map<string, { callId: string; role: 'caller' | 'agent' }>();
  const agents = new Map<string, AgentRuntime>();
  const rrCursor = new Map<string, string>();
  /** Ended calls whose agent is still in after-call work: agent → call. */
  const acwCalls = new Map<string, CallContext>();

  const queueOf = (id: string | null | undefined): QueueSettings | undefined => settings().queues.find((q) => q.id === id);
  const safe = (what: string, p: Promise<unknown>) =>
    p.catch((err) => log.debug(`${what} failed`, { err: (err as { message?: string })?.message ?? String(err) }));

  // ── journey ───────────────────────────────────────────────────────────
  /** The PBX event being handled, so a journey write can be timed from its cause. */
  let causeAt: number | null = null;

  function record(call: CallContext, events: NewJourneyEvent[], patch: Partial<CallSummary> = {}): Promise<void> {
    const at = clock.now();
    const origin = causeAt ?? at;
    const stamped = events.map((e) => ({ ...e, seq: ++call.summary.lastSeq, at })) as import('@edgecall/contracts').JourneyEvent[];
    Object.assign(call.summary, patch);
    const snapshot = { ...call.summary };
    call.writing = call.writing
      .then(() => store.appendJourney(snapshot, stamped, at))
      .then(() => deps.observeLatency?.(clock.now() - origin, stamped.length))
      .catch((err) => log.error('journey write failed', { err, callId: call.summary.id }));
    listener.journey(snapshot, stamped);
    return call.writing;
  }

  // ── agents ────────────────────────────────────────────────────────────
  function setAgent(next: AgentRuntime) {
    const prev = agents.get(next.agent);
    agents.set(next.agent, next);
    const logged = !prev || prev.state !== next.state || prev.reason !== next.reason;
    void store.saveAgent(next, logged).catch((err) => log.error('agent write failed', { err, agent: next.agent }));
    listener.agentChanged(next);
    if (next.state === 'acw' && next.acwUntil !== null) {
      scheduler.after(next.acwUntil - clock.now(), () => {
        const a = agents.get(next.agent);
        if (a?.state === 'acw' && a.acwUntil !== null && a.acwUntil <= clock.now()) agentAction(next.agent, { type: 'acw_end' });
        else if (a?.state === 'acw' && a.acwUntil !== null) setAgent({ ...a }); // extended: reschedule
      });
    }
  }

  function agentAction(agent: string, action: AgentAction): AgentRuntime {
    const a = agents.get(agent);
    if (!a) throw new AppError('not_found', `Agent ${agent} is not known`);
    let next: AgentRuntime;
    try {
      next = transition(a, action, clock.now());
    } catch (e) {
      if (e instanceof AgentStateError) throw new AppError('conflict', e.message);
      throw e;
    }
    if (action.type === 'acw_end') {
      const call = acwCalls.get(agent);
      if (call) {
        acwCalls.delete(agent);
        void record(call, [{ type: 'acw_ended', agent }]);
      }
    }
    setAgent(next);
    for (const q of next.queues) listener.queueChanged(q);
    if (next.state === 'ready') scheduler.after(0, dispatch);
    return next;
  }

  // ── inbound ───────────────────────────────────────────────────────────
  async function onInbound(ch: ChannelInfo, did: string) {
    const now = clock.now();
    const call = newContext(
      { id: ch.id, direction: 'inbound', number: ch.callerNumber || 'anonymous', did, stage: 'ivr', queue: null, agent: null, arrivedAt: now, answeredAt: null, endedAt: null, cause: null, recording: null, lastSeq: 0 },
      ch.id,
    );
    calls.set(call.summary.id, call);
    channels.set(ch.id, { callId: call.summary.id, role: 'caller' });
    void record(call, [{ type: 'arrived', number: call.summary.number }]);
    await safe('answer', tel.answer(ch.id));
    const s = settings();
    const entry = s.entries.find((e) => e.did === did) ?? s.entries.find((e) => e.did === '*');
    if (!entry) return endUnanswered(call, 'closed', 'no entry for this number', null);
    if (!isOpen(s.hours, now)) {
      return playThen(call, entry.closedMessage, () => endUnanswered(call, 'closed', 'closed', entry.queue ?? null));
    }
    if (entry.menu) return startMenu(call, entry.menu);
    return enterQueue(call, entry.queue!);
  }

  const ivr = createIvr({
    tel,
    scheduler,
    settings,
    ids: deps.ids,
    safe,
    enterQueue: (call, queue) => void enterQueue(call, queue),
    endUnanswered: (call, cause, why) => endUnanswered(call, cause, why, null),
  });
  const { playThen, startMenu } = ivr;
  const announcer = createAnnouncer({ tel, scheduler, safe, ids: deps.ids, queueOf, calls, agents });

  // ── queue ─────────────────────────────────────────────────────────────
  const takesQueueCalls = (a: AgentRuntime) => deps.offersQueueCalls?.(a.agent) ?? true;

  function loggedIn(queueId: string) {
    return [...agents.values()].some((a) => a.state !== 'logged_out' && a.queues.includes(queueId) && takesQueueCalls(a));
  }

  async function enterQueue(call: CallContext, queueId: string) {
    const queue = queueOf(queueId);
    if (!queue) return endUnanswered(call, 'no_agents', `unknown queue ${queueId}`, queueId);
    const fromIvr = call.summary.stage === 'ivr';
    if (fromIvr) void record(call, [{ type: 'ivr_left' }]);
    if (queue.noAgentsAction === 'refuse' && !loggedIn(queue.id)) {
      const refuse = () => endUnanswered(call, 'no_agents', 'nobody logged in', queue.id);
      return queue.noAgentsMessage ? playThen(call, queue.noAgentsMessage, refuse) : refuse();
    }
    call.menu = null;
    call.queuedAt = clock.now();
    call.tried.clear();
    void record(call, [{ type: 'queued', queue: queue.id }], { stage: 'queued', queue: queue.id });
    const bridgeId = `hold-${call.summary.id}`;
    call.holdingBridge = bridgeId;
    await safe('create holding bridge', tel.createBridge(bridgeId, 'holding', `queue-${queue.id}`));
    await safe('queue caller', tel.addToBridge(bridgeId, [call.channelId]));
    await safe('moh', tel.startBridgeMoh(bridgeId, queue.mohClass));
    setTimer(call, 'maxwait', scheduler.after(queue.maxWaitSeconds * 1000, () => queueTimeout(call)));
    listener.queueChanged(queue.id);
    dispatch();
    if (queue.announcePosition) scheduler.after(0, () => announcer.announce(call));
  }

  function queueTimeout(call: CallContext) {
    if (call.summary.stage !== 'queued' && call.summary.stage !== 'ringing') return;
    const queue = queueOf(call.summary.queue)!;
    cancelOffers(call);
    call.summary.stage = 'queued';
    // A number is needed to call back; an anonymous caller falls back to an ordinary timeout.
    const toCallback = queue.timeoutAction === 'callback' && !!deps.requestCallback && /^\+?[0-9]{3,20}$/.test(call.summary.number);
    const end = toCallback
      ? () => {
          endUnanswered(call, 'deflected', 'maximum wait reached: callback promised', null);
          deps.requestCallback!({ callId: call.summary.id, number: call.summary.number, queue: queue.id });
        }
      : () => endUnanswered(call, 'timeout', 'maximum wait reached', null);
    if (queue.timeoutMessage) {
      void safe('leave holding bridge', tel.removeFromBridge(call.holdingBridge!, call.channelId));
      playThen(call, queue.timeoutMessage, end);
    } else end();
  }

  /** Offers waiting calls to ready agents, oldest call first. */
  function dispatch() {
    if (!deps.linkUp()) return;
    const waiting = [...calls.values()]
      .filter((c) => (c.summary.stage === 'queued' || c.summary.stage === 'ringing') && c.offers.size === 0 && c.queuedAt !== null)
      .sort((a, b) => a.queuedAt! - b.queuedAt!);
    for (const call of waiting) {
      const queue = queueOf(call.summary.queue);
      if (!queue) continue;
      const pool = [...agents.values()].filter(takesQueueCalls);
      let chosen = selectAgents(queue, pool, call.tried, rrCursor.get(queue.id) ?? null);
      if (chosen.length === 0 && call.tried.size > 0) {
        // Everyone was tried once: start another round.
        call.tried.clear();
        chosen = selectAgents(queue, pool, call.tried, rrCursor.get(queue.id) ?? null);
      }
      for (const agent of chosen) offer(call, queue, agent);
    }
  }

  /** Rings one agent for a call; `call.direct` rings outside the queue (a transfer to that agent). */
  function offer(call: CallContext, queue: QueueSettings, agent: AgentRuntime) {
    const legId = `ag-${call.summary.id}-${deps.ids().slice(0, 8)}`;
    call.tried.add(agent.agent);
    call.offers.set(legId, agent.agent);
    channels.set(legId, { callId: call.summary.id, role: 'agent' });
    if (!call.direct) rrCursor.set(queue.id, agent.agent);
    agentAction(agent.agent, { type: 'offer', callId: call.summary.id });
    void record(call, [{ type: 'ringing', agent: agent.agent, ...(call.direct ? {} : { queue: queue.id }) }], { stage: 'ringing' });
    const endpoint = dialStringOf(agent.agent);
    setTimer(call, `ring:${legId}`, scheduler.after(queue.ringTimeoutSeconds * 1000 + 2000, () => offerFailed(call, legId, true)));
    tel
      .originate({
        endpoint,
        channelId: legId,
        appArgs: `agent,${call.summary.id},${agent.agent}`,
        callerId: call.summary.number,
        timeoutSeconds: queue.ringTimeoutSeconds,
      })
      .catch((err: { status?: number; message?: string }) => {
        log.warn('agent phone could not be rung', { agent: agent.agent, err: err.message });
        // A PBX we cannot reach is not the agent's missed call.
        offerFailed(call, legId, err.status !== 503 && err.status !== 504);
      });
  }

  /** The agent leg ended before it was answered. */
  function offerFailed(call: CallContext, legId: string, missed: boolean) {
    const agent = call.offers.get(legId);
    if (!agent) return;
    call.offers.delete(legId);
    channels.delete(legId);
    clearTimer(call, `ring:${legId}`);
    void safe('hang up agent leg', tel.hangup(legId));
    const stage = call.offers.size === 0 && call.summary.stage === 'ringing' ? 'queued' : call.summary.stage;
    if (missed || stage !== call.summary.stage) void record(call, missed ? [{ type: 'ring_no_answer', agent }] : [], { stage });
    const a = agents.get(agent);
    if (a?.state === 'ringing' && a.callId === call.summary.id) {
      const next = transition(a, { type: 'offer_ended', missed }, clock.now());
      const queue = queueOf(call.summary.queue);
      if (missed && queue && next.missedInARow >= queue.missedRingsToPause) {
        setAgent(transition(next, { type: 'pause', reason: SYSTEM_PAUSE_MISSED }, clock.now()));
        log.info('agent paused after missed offers', { agent, missed: next.missedInARow });
      } else {
        setAgent(next);
      }
    }
    // A direct (transfer) ring that failed falls back to the call's queue.
    if (call.direct && call.offers.size === 0 && call.summary.stage !== 'ended' && call.summary.queue) {
      call.direct = false;
      void enterQueue(call, call.summary.queue);
      return;
    }
    scheduler.after(0, dispatch);
  }

  function cancelOffers(call: CallContext) {
    for (const legId of [...call.offers.keys()]) offerFailed(call, legId, false);
  }

  async function onAgentAnswered(legId: string) {
    const owner = channels.get(legId);
    const call = owner ? calls.get(owner.callId) : undefined;
    const agent = call?.offers.get(legId);
    if (!call || !agent || (call.summary.stage !== 'ringing' && call.summary.stage !== 'queued')) {
      // The caller left or another agent won the race: release this phone.
      void safe('hang up late agent', tel.hangup(legId));
      return;
    }
    clearTimer(call, `ring:${legId}`);
    call.offers.delete(legId);
    cancelOffers(call);
    clearTimer(call, 'maxwait');
    clearTimer(call, 'announce');
    call.agentChannel = legId;
    channels.set(legId, { callId: call.summary.id, role: 'agent' });
    agentAction(agent, { type: 'answered', callId: call.summary.id });
    const queue = queueOf(call.summary.queue);
    // Each answered stint gets its own recording; the first keeps the plain name.
    const recording = call.recording ? `call-${call.summary.id}-${call.summary.lastSeq}` : `call-${call.summary.id}`;
    const inQueue = !call.direct && queue ? { queue: queue.id } : {};
    call.direct = false;
    void record(call, [{ type: 'answered', agent, ...inQueue }], { stage: 'talking', agent, answeredAt: call.summary.answeredAt ?? clock.now(), recording });
    call.mixingBridge = `mix-${call.summary.id}`;
    call.recording = recording;
    await safe('create call bridge', tel.createBridge(call.mixingBridge, 'mixing', `call-${call.summary.id}`));
    await safe('bridge caller and agent', tel.addToBridge(call.mixingBridge, [call.channelId, legId]));
    if (call.holdingBridge) void safe('drop holding bridge', tel.destroyBridge(call.holdingBridge));
    call.holdingBridge = null;
    await safe('record', tel.recordBridge(call.mixingBridge, recording));
    if (queue) listener.queueChanged(queue.id);
  }

  // ── endings ───────────────────────────────────────────────────────────
  function endUnanswered(
    call: CallContext,
    cause: 'closed' | 'no_agents' | 'timeout' | 'deflected' | 'abandoned' | 'abandoned_ivr' | 'interrupted' | 'no_answer' | 'busy' | 'failed',
    why: string,
    queue: string | null,
  ) {
    if (call.summary.stage === 'ended') return;
    // An outbound call that never connected frees its agent at once.
    const outboundAgent = call.summary.direction === 'outbound' ? call.summary.agent : null;
    log.debug('call ended unanswered', { callId: call.summary.id, cause, why });
    cancelOffers(call);
    const q = call.summary.queue;
    void record(call, [{ type: 'ended', cause: cause as never, ...(queue && !q ? { queue } : {}) }], { stage: 'ended', endedAt: clock.now(), cause });
    cleanup(call, true);
    if (q) listener.queueChanged(q);
    const a = outboundAgent ? agents.get(outboundAgent) : undefined;
    if (a && a.callId === call.summary.id) {
      // No ACW for a call that never connected (and no acw_ended: it would land on another call's stint).
      setAgent(transition(a, a.state === 'ringing' ? { type: 'offer_ended', missed: false } : { type: 'call_ended', wrapUpMs: 0 }, clock.now()));
      scheduler.after(0, dispatch);
    }
  }

  function endAnswered(call: CallContext, cause: 'agent_hangup' | 'caller_hangup' | 'interrupted') {
    if (call.summary.stage === 'ended') return;
    const agent = call.summary.agent;
    if (call.summary.queue && call.summary.answeredAt !== null) announcer.handled(call.summary.queue, (clock.now() - call.summary.answeredAt) / 1000);
    void record(call, [{ type: 'ended', cause }], { stage: 'ended', endedAt: clock.now(), cause });
    if (call.recording) void safe('stop recording', tel.stopRecording(call.recording));
    cleanup(call, true);
    if (agent) {
      const a = agents.get(agent);
      const queue = queueOf(call.summary.queue) ?? queueOf(a?.queues[0]);
      if (a && a.callId === call.summary.id) {
        const wrap = (queue?.wrapUpSeconds ?? 0) * 1000;
        acwCalls.set(agent, call);
        setAgent(transition(a, { type: 'call_ended', wrapUpMs: wrap }, clock.now()));
        if (wrap === 0) {
          acwCalls.delete(agent);
          void record(call, [{ type: 'acw_ended', agent }]);
        }
      }
    }
    if (call.summary.queue) listener.queueChanged(call.summary.queue);
    scheduler.after(0, dispatch);
  }

  function cleanup(call: CallContext, hangupAll: boolean) {
    for (const cancel of call.timers.values()) cancel();
    call.timers.clear();
    if (hangupAll) {
      void safe('hang up caller', tel.hangup(call.channelId));
      if (call.agentChannel) void safe('hang up agent', tel.hangup(call.agentChannel));
    }
    for (const b of [call.holdingBridge, call.mixingBridge, call.holdBridge]) if (b) void safe('destroy bridge', tel.destroyBridge(b));
    channels.delete(call.channelId);
    if (call.agentChannel) channels.delete(call.agentChannel);
    calls.delete(call.summary.id);
  }

  function channelGone(channelId: string) {
    const owner = channels.get(channelId);
    if (!owner) return;
    const call = calls.get(owner.callId);
    if (!call) return void channels.delete(channelId);
    if (owner.role === 'caller' && call.summary.direction === 'outbound' && call.summary.stage !== 'talking') {
      return endUnanswered(call, 'failed', 'the customer leg ended before it was answered', null);
    }
    if (owner.role === 'agent' && call.summary.direction === 'outbound' && call.summary.stage !== 'talking' && call.agentChannel === channelId) {
      return endUnanswered(call, 'failed', 'the agent leg ended before the customer answered', null);
    }
    if (owner.role === 'caller') {
      switch (call.summary.stage) {
        case 'ivr':
          void record(call, [{ type: 'ivr_left' }]);
          return endUnanswered(call, 'abandoned_ivr', 'caller hung up in the IVR', null);
        case 'queued':
        case 'ringing':
          return endUnanswered(call, call.queuedAt === null ? 'abandoned_ivr' : 'abandoned', 'caller hung up while queued', null);
        case 'talking':
          return endAnswered(call, 'caller_hangup');
      }
      return;
    }
    if (call.offers.has(channelId)) return offerFailed(call, channelId, true);
    if (call.agentChannel === channelId && call.summary.stage === 'talking') return endAnswered(call, 'agent_hangup');
  }

  // ── events ────────────────────────────────────────────────────────────
  function handle(e: TelephonyEvent) {
    // Timed from the event's arrival here: the PBX's own clock may differ from ours.
    causeAt = clock.now();
    try {
      handleEvent(e);
    } finally {
      causeAt = null;
    }
  }

  function handleEvent(e: TelephonyEvent) {
    switch (e.type) {
      case 'stasis_start': {
        const [kind, a1] = e.args;
        if (kind === 'inbound') return void onInbound(e.channel, a1 ?? e.channel.exten);
        if (kind === 'agent') return void onAgentAnswered(e.channel.id);
        const handler = extra.stasis.get(kind);
        if (handler) return handler(e);
        // Not ours to handle: nothing may sit in our app unowned.
        return void safe('hang up unknown channel', tel.hangup(e.channel.id));
      }
      case 'dtmf': {
        const owner = channels.get(e.channelId);
        const call = owner && calls.get(owner.callId);
        if (call && owner.role === 'caller') ivr.onDtmf(call, e.digit);
        return;
      }
      case 'playback_finished': {
        for (const call of calls.values()) {
          if (call.playbackId === e.playbackId) {
            call.playbackId = null;
            const then = call.afterPlayback;
            call.afterPlayback = null;
            then?.(e.ok);
          }
        }
        return;
      }
      case 'dial': {
        for (const h of extra.dial) h(e);
        if (['NOANSWER', 'BUSY', 'CONGESTION', 'CHANUNAVAIL', 'CANCEL'].includes(e.status)) {
          const owner = channels.get(e.channelId);
          const call = owner && calls.get(owner.callId);
          if (call?.offers.has(e.channelId)) offerFailed(call, e.channelId, e.status !== 'CANCEL');
        }
        return;
      }
      case 'stasis_end':
      case 'channel_destroyed':
        for (const h of extra.channelGone) h(e.channelId);
        return channelGone(e.channelId);
      default:
        return;
    }
  }

  /** Other parts of the ACD (supervision, outbound, transfers) plug in here; main.ts wires them. */
  const extra = {
    stasis: new Map<string, (e: Extract<TelephonyEvent, { type: 'stasis_start' }>) => void>(),
    channelGone: [] as ((id: string) => void)[],
    dial: [] as ((e: Extract<TelephonyEvent, { type: 'dial' }>) => void)[],
    auxiliary: [] as ((id: string) => boolean)[],
  };

  /** Where an agent's phone is: their own dial string, or the branch template. */
  function dialStringOf(agent: string): string {
    return settings().agentDialStrings[agent] ?? settings().dialTemplate.replace('{number}', agent);
  }

  /** The call an agent is on (talking or holding). */
  function callOfAgent(agent: string): CallContext | undefined {
    const a = agents.get(agent);
    return a?.callId ? calls.get(a.callId) : undefined;
  }

  return {
    handle,
    extra,
    callOfAgent,
    dialStringOf,
    offer,
    cancelOffers,
    enterQueue,
    acwCalls,
    safe,
    queueChanged: (queue: string) => listener.queueChanged(queue),
    calls,
    agents,
    channels,
    agentAction,
    setAgent,
    record,
    dispatch,
    endAnswered,
    endUnanswered,
    queueOf,
    settings,
    now: () => clock.now(),
    /** Channels owned by other parts of the ACD (supervisor sessions), not calls. */
    isAuxiliary: (id: string) => extra.auxiliary.some((f) => f(id)),
    newAgentIfMissing(agent: string, userId: string) {
      if (!agents.has(agent)) setAgent(newAgent(agent, userId, clock.now()));
      return agents.get(agent)!;
    },
    loggedIn,
  };
}

export type Acd = ReturnType<typeof createAcd>;
