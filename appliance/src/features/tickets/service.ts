/**
 * Electronic requests (issue 7): created from a call, from a contact card or
 * on their own; worked along the lifecycle their request type allows, by its
 * executing group; every change kept in the request's history (who, when,
 * before, after) and written with its sync outbox row. Creates and comments
 * from the PWA's offline outbox apply once (decision 0006).
 */
import {
  AppError,
  DEFAULT_TICKET_POLICY,
  phoneKey,
  renderTemplate,
  type RequestType,
  type Ticket,
  type TicketInput,
  type TicketListQuery,
  type TicketPage,
  type TicketPolicy,
} from '@edgecall/contracts';
import type { z } from 'zod';
import type { TicketAssign, TicketCommentInput, TicketPatch, TicketPrefillQuery, TicketStatusChange } from '@edgecall/contracts';
import { fold, searchWords } from '../../lib/search-text.ts';
import { canTransition, diff, initialStatus, mayMove, nextStatuses, refOf, searchText, typeLifecycle } from './rules.ts';
import { deadlinesOf, moveClock, respond } from './sla.ts';
import { attachmentWire, eventWire, openSummary, templateValues, ticketWire } from './views.ts';
import type { Lifecycle, NewEvent, StoredTicket, TicketActor, TicketDeps, TicketTx } from './ports.ts';

type Problem = { field: string; message: string };
const invalid = (problems: Problem[]) => new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
const EDITABLE = ['subject', 'description', 'contactId', 'customerName', 'customerEmail', 'classificationId', 'subClassificationId', 'cityId', 'districtId', 'fields'] as const;

export function createTickets(deps: TicketDeps) {
  const { store } = deps;
  const now = () => deps.clock.now();
  const hours = () => deps.hours();

  const wire = (t: StoredTicket, assigneeName: string | null) => ticketWire(t, hours(), now(), assigneeName);
  const wireOf = async (t: StoredTicket) => wire(t, t.assigneeId ? await store.userName(t.assigneeId) : null);

  async function must(id: string): Promise<StoredTicket> {
    const t = await store.get(id);
    if (!t) throw new AppError('not_found', `No request ${id}`);
    return t;
  }

  async function policyOf(requestTypeId: string): Promise<{ type: RequestType | null; policy: TicketPolicy }> {
    const type = await deps.requestType(requestTypeId);
    return { type, policy: type?.ticket ?? DEFAULT_TICKET_POLICY };
  }

  const statusName = (lc: Lifecycle, code: string) => lc.statuses.find((s) => s.code === code)?.name.az ?? code;
  const event = (t: Pick<StoredTicket, 'id'>, actor: TicketActor | null, at: number, kind: NewEvent['kind'], data: Record<string, unknown>, clientId: string | null = null): NewEvent => ({
    id: deps.ids(),
    ticketId: t.id,
    at,
    userId: actor?.id ?? null,
    userName: actor ? actor.displayName : 'system',
    kind,
    data,
    clientId,
  });

  /** Other features' reads run before a transaction opens: SQLite has one connection, a read from outside would wait for it. */
  const contactName = async (id: string | null) => (id ? ((await deps.contact(id))?.name ?? '') : '');
  async function searchOf(tx: TicketTx, t: StoredTicket, contact: string, extra: string[] = []) {
    return fold([...searchText(t, [contact]), ...(await tx.commentTexts(t.id)), ...extra].join(' '));
  }

  /**
   * Writes a change of one request: read again inside the transaction (a
   * change someone made meanwhile is a conflict, not an overwrite), the new
   * state with its history entries and its sync row, one transaction.
   */
  async function change(
    seen: StoredTicket,
    clientId: string | null,
    fn: (cur: StoredTicket, at: number, tx: TicketTx) => Promise<{ next: StoredTicket; events: NewEvent[] }>,
    opts: { expect?: number } = {},
  ) {
    const at = now();
    const done = await store.write(clientId, at, async (tx) => {
      const cur = await tx.get(seen.id);
      if (!cur) throw new AppError('not_found', `No request ${seen.id}`);
      // With `expect` given (even undefined) the caller decides; by default a change follows what the user saw.
      const expect = 'expect' in opts ? opts.expect : seen.version;
      if (expect !== undefined && cur.version !== expect) throw new AppError('conflict', `Request ${cur.ref} was changed by someone else meanwhile; reload it and try again`, { version: cur.version });
      const { next, events } = await fn(cur, at, tx);
      const stored: StoredTicket = { ...next, updatedAt: at, version: cur.version + 1 };
      Object.assign(stored, deadlinesOf(stored, hours()));
      if (!(await tx.update(stored, cur.version))) throw new AppError('conflict', `Request ${cur.ref} was changed meanwhile; reload it`);
      const written = await tx.append(events);
      await tx.outbox(stored);
      return { ticket: stored, events: written.map(eventWire) };
    });
    return done;
  }

  // ── create ──────────────────────────────────────────────────────────────

  async function create(input: TicketInput, actor: TicketActor): Promise<{ ticket: Ticket; replayed: boolean }> {
    if (input.clientId) {
      const earlier = await store.byClientId(input.clientId);
      if (earlier) return { ticket: await wireOf(earlier), replayed: true };
    }
    const problems: Problem[] = [];
    let number = input.number;
    const call = input.callId !== null ? await deps.callInfo(input.callId) : undefined;
    if (input.callId !== null) {
      if (!call) problems.push({ field: 'callId', message: `no call ${input.callId}` });
      else number ??= call.number || null;
    }
    const contact = input.contactId !== null ? await deps.contact(input.contactId) : null;
    if (input.contactId !== null && !contact) problems.push({ field: 'contactId', message: `no contact ${input.contactId}` });
    const { type, policy } = await policyOf(input.requestTypeId);
    const group = input.group !== undefined ? input.group : policy.group;
    if (group !== null && !deps.groups().includes(group)) problems.push({ field: 'group', message: `no group ${group}` });
    const assignee = input.assigneeId ? (await store.assignees()).find((a) => a.id === input.assigneeId) : null;
    if (input.assigneeId && !assignee) problems.push({ field: 'assigneeId', message: `no user ${input.assigneeId} who may work requests` });
    if (problems.length) throw invalid(problems);
    // Type, classification, place and the type's required fields and field types.
    await deps.checkReference(input);
    const lc = typeLifecycle(await deps.lifecycle(), policy);
    const start = initialStatus(lc);
    if (!start) throw new AppError('conflict', 'The request lifecycle has no active initial status; an admin must fix the execution statuses first');
    const names = await deps.referenceNames();
    const template = policy.templateId && !input.description ? await deps.template(policy.templateId) : null;
    const h = hours();
    const at = now();
    const typeName = type?.name ?? input.requestTypeId;
    const classificationName = names.get(input.classificationId) ?? input.classificationId;
    const { result, replayed } = await store.write(input.clientId ?? null, at, async (tx) => {
      const seq = await tx.nextSeq();
      const ref = refOf(seq, at, h.utcOffsetMinutes);
      const values = templateValues({ ref, typeName, classificationName, statusName: statusName(lc, start), contact, number, call, actor, branch: deps.site, hours: h });
      const t: StoredTicket = {
        id: deps.ids(),
        clientId: input.clientId ?? null,
        seq,
        ref,
        channel: input.callId !== null && input.channel === 'other' ? 'call' : input.channel,
        callId: input.callId,
        number,
        numberKey: number ? phoneKey(number) : null,
        contactId: input.contactId,
        customerName: input.customerName || contact?.name || '',
        customerEmail: input.customerEmail ?? contact?.email ?? null,
        requestTypeId: input.requestTypeId,
        classificationId: input.classificationId,
        subClassificationId: input.subClassificationId,
        cityId: input.cityId,
        districtId: input.districtId,
        subject: input.subject || `${typeName} — ${classificationName}`,
        description: input.description || (template?.active ? renderTemplate(template.body, values) : ''),
        fields: input.fields,
        status: start,
        statusKind: lc.statuses.find((s) => s.code === start)!.kind,
        statusSince: at,
        slaAccMs: 0,
        respondedAt: null,
        responseMs: null,
        responseHours: policy.responseHours,
        resolutionHours: policy.resolutionHours,
        group,
        assigneeId: input.assigneeId,
        createdBy: actor.id,
        createdByName: actor.displayName,
        agent: actor.agentNumber ?? null,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        escalatedAt: null,
        responseDueAt: null,
        responseWarnAt: null,
        resolutionDueAt: null,
        resolutionWarnAt: null,
        responseBreachedAt: null,
        resolutionBreachedAt: null,
        search: '',
        version: 1,
      };
      Object.assign(t, deadlinesOf(t, h));
      t.search = await searchOf(tx, t, contact?.name ?? '');
      await tx.insert(t);
      const after = { status: t.status, requestTypeId: t.requestTypeId, classificationId: t.classificationId, subject: t.subject, channel: t.channel, callId: t.callId, contactId: t.contactId, group, assigneeId: t.assigneeId };
      await tx.append([event(t, actor, at, 'created', { after })]);
      await tx.outbox(t);
      return wire(t, assignee?.name ?? null);
    });
    return { ticket: result, replayed };
  }

  // ── read ────────────────────────────────────────────────────────────────

  async function page(id: string, actor: TicketActor): Promise<TicketPage> {
    const t = await must(id);
    const { policy } = await policyOf(t.requestTypeId);
    const lc = typeLifecycle(await deps.lifecycle(), policy);
    const canMove = mayMove(policy, t, actor);
    const [events, attachments, related] = await Promise.all([store.events(id), store.attachments(id), store.related(t, 50)]);
    const call = t.callId ? await deps.callInfo(t.callId) : undefined;
    const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());
    return {
      ticket: await wireOf(t),
      next: canMove ? nextStatuses(lc, t.status) : [],
      canMove,
      events: events.map(eventWire),
      attachments: attachments.filter((a) => a.removedAt === null).map(attachmentWire),
      related: related.map((r) => wire(r, r.assigneeName)),
      call: call && t.callId ? { callId: t.callId, number: call.number, queue: call.queue, agent: call.agent, arrivedAt: iso(call.arrivedAt)!, answeredAt: iso(call.answeredAt), endedAt: iso(call.endedAt), hasRecording: call.hasRecording } : null,
    };
  }

  async function list(q: Omit<TicketListQuery, 'format'>, actor: TicketActor) {
    const { search, number, ...rest } = q;
    const filter = { ...rest, words: searchWords(search), numberKey: number ? phoneKey(number) : undefined, userId: actor.id, userGroups: [...actor.groups], now: now() };
    const { items, total } = await store.page(filter, q.offset, q.limit);
    return { items: items.map((t) => ({ ...wire(t, t.assigneeName), contactName: t.contactName })), total, offset: q.offset, limit: q.limit };
  }

  async function history(id: string) {
    await must(id);
    return { items: (await store.events(id)).map(eventWire) };
  }

  /** A repeat caller's open requests, for the screen pop. */
  async function openFor(key: string, contactIds: string[]) {
    const at = now();
    return (await store.openFor(key, contactIds, 10)).map((t) => openSummary(t, at));
  }

  /** The form's starting point: subject, the type's template filled with the call's and contact's data, group and SLA. */
  async function prefill(q: z.output<typeof TicketPrefillQuery>, actor: TicketActor) {
    const { type, policy } = await policyOf(q.requestTypeId);
    if (!type) throw new AppError('not_found', `No request type ${q.requestTypeId}`);
    const call = q.callId ? await deps.callInfo(q.callId) : undefined;
    const contact = q.contactId ? await deps.contact(q.contactId) : null;
    const names = await deps.referenceNames();
    const lc = typeLifecycle(await deps.lifecycle(), policy);
    const start = initialStatus(lc);
    const classificationName = q.classificationId ? (names.get(q.classificationId) ?? '') : '';
    const template = policy.templateId ? await deps.template(policy.templateId) : null;
    const values = templateValues({ ref: '', typeName: type.name, classificationName, statusName: start ? statusName(lc, start) : '', contact, number: q.number ?? call?.number ?? null, call, actor, branch: deps.site, hours: hours() });
    return {
      subject: classificationName ? `${type.name} — ${classificationName}` : type.name,
      description: template?.active ? renderTemplate(template.body, values) : '',
      group: policy.group,
      status: start,
      responseHours: policy.responseHours,
      resolutionHours: policy.resolutionHours,
    };
  }

  // ── changes ─────────────────────────────────────────────────────────────

  async function update(id: string, patch: z.output<typeof TicketPatch>, actor: TicketActor) {
    const t = await must(id);
    if (t.statusKind === 'closed') throw new AppError('conflict', `Request ${t.ref} is closed; reopen it to change it`);
    const { version, ...changes } = patch;
    const merged = { ...t, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as StoredTicket;
    const d = diff(t, merged, EDITABLE);
    if (!d) return wireOf(t);
    if (d.after.contactId && !(await deps.contact(d.after.contactId))) throw invalid([{ field: 'contactId', message: `no contact ${d.after.contactId}` }]);
    const choices = ['classificationId', 'subClassificationId', 'cityId', 'districtId', 'fields'] as const;
    if (choices.some((k) => k in d.after)) await deps.checkReference(merged);
    const name = await contactName(merged.contactId);
    const done = await change(
      t,
      null,
      async (cur, _at, tx) => {
        const next = { ...cur, ...d.after } as StoredTicket;
        next.search = await searchOf(tx, next, name);
        return { next, events: [event(cur, actor, now(), 'updated', d)] };
      },
      { expect: version ?? t.version },
    );
    return wireOf(done.result.ticket);
  }

  async function changeStatus(id: string, body: z.output<typeof TicketStatusChange>, actor: TicketActor) {
    const t = await must(id);
    const { type, policy } = await policyOf(t.requestTypeId);
    const lc = typeLifecycle(await deps.lifecycle(), policy);
    if (!mayMove(policy, t, actor)) {
      const who = policy.movers === 'supervisors' ? 'supervisors of its group' : `members of group ${t.group}`;
      throw new AppError('forbidden', `Only ${who} may move requests of type “${type?.name ?? t.requestTypeId}”`);
    }
    if (!canTransition(lc, t.status, body.status)) {
      const allowed = nextStatuses(lc, t.status);
      throw new AppError(
        'conflict',
        `Request ${t.ref} cannot go from “${statusName(lc, t.status)}” to “${statusName(lc, body.status)}”: ${allowed.length ? `it may go to ${allowed.map((s) => `“${statusName(lc, s)}”`).join(', ')}` : 'it has no way on from here'}`,
        { from: t.status, to: body.status, allowed },
      );
    }
    const target = lc.statuses.find((s) => s.code === body.status)!;
    const start = initialStatus(lc);
    const done = await change(
      t,
      null,
      async (cur, at) => {
        const moved = moveClock(cur, hours(), at, target.kind, cur.status === start);
        const next: StoredTicket = { ...moved, status: target.code, closedAt: target.kind === 'closed' ? at : null };
        const data = { before: { status: cur.status }, after: { status: target.code }, note: body.note, notifyCustomer: body.notifyCustomer };
        return { next, events: [event(cur, actor, at, 'status', data)] };
      },
      { expect: body.version ?? t.version },
    );
    const after = done.result.ticket;
    if (deps.onStatusChange) {
      const contact = after.contactId ? await deps.contact(after.contactId) : null;
      await deps.onStatusChange({ ticket: after, from: t.status, to: after.status, notifyCustomer: body.notifyCustomer, contact }).catch(() => undefined);
    }
    return wireOf(after);
  }

  async function assign(id: string, body: z.output<typeof TicketAssign>, actor: TicketActor) {
    const t = await must(id);
    const { policy } = await policyOf(t.requestTypeId);
    const group = body.group !== undefined ? body.group : t.group;
    const assigneeId = body.assigneeId !== undefined ? body.assigneeId : t.assigneeId;
    // Taking a request of one's own group is always allowed; anything else follows who may move it.
    const taking = assigneeId === actor.id && group === t.group && (group === null || actor.groups.includes(group));
    if (!taking && !mayMove(policy, t, actor)) throw new AppError('forbidden', `You may not assign request ${t.ref}`);
    const problems: Problem[] = [];
    if (group !== null && !deps.groups().includes(group)) problems.push({ field: 'group', message: `no group ${group}` });
    const people = await store.assignees();
    const person = assigneeId ? people.find((p) => p.id === assigneeId) : null;
    if (assigneeId && !person) problems.push({ field: 'assigneeId', message: `no user ${assigneeId} who may work requests` });
    else if (person && group !== null && person.kind !== 'admin' && !person.groups.includes(group)) problems.push({ field: 'assigneeId', message: `${person.name} is not in group ${group}` });
    if (problems.length) throw invalid(problems);
    if (group === t.group && assigneeId === t.assigneeId) return wireOf(t);
    const beforeName = t.assigneeId ? await store.userName(t.assigneeId) : null;
    const done = await change(
      t,
      null,
      async (cur, at) => ({
        next: { ...cur, group, assigneeId },
        events: [event(cur, actor, at, 'assigned', { before: { group: cur.group, assigneeId: cur.assigneeId, assigneeName: beforeName }, after: { group, assigneeId, assigneeName: person?.name ?? null } })],
      }),
      { expect: body.version ?? t.version },
    );
    return wire(done.result.ticket, person?.name ?? null);
  }

  async function comment(id: string, body: z.output<typeof TicketCommentInput>, actor: TicketActor) {
    if (body.clientId) {
      const earlier = await store.eventByClientId(body.clientId);
      if (earlier) return { event: eventWire(earlier), replayed: true };
    }
    const t = await must(id);
    const name = await contactName(t.contactId);
    const done = await change(t, body.clientId ?? null, async (cur, at, tx) => {
      // An answer to the customer is the response the SLA waits for.
      const answered = body.visibility === 'public' ? respond(cur, hours(), at) : cur;
      const next = { ...answered, search: await searchOf(tx, cur, name, [body.body]) };
      return { next, events: [event(cur, actor, at, 'comment', { body: body.body, visibility: body.visibility }, body.clientId ?? null)] };
    }, { expect: undefined });
    return { event: done.result.events[0], replayed: done.replayed };
  }

  async function escalate(id: string, note: string, actor: TicketActor) {
    const t = await must(id);
    if (t.statusKind === 'closed') throw new AppError('conflict', `Request ${t.ref} is closed`);
    const done = await change(t, null, async (cur, at) => ({ next: { ...cur, escalatedAt: at }, events: [event(cur, actor, at, 'escalated', { note, group: cur.group })] }));
    return wireOf(done.result.ticket);
  }

  // ── saved filters and assignees ─────────────────────────────────────────

  async function filters(userId: string) {
    return { items: (await store.filters(userId)).map((f) => ({ id: f.id, name: f.name, query: JSON.parse(f.query), createdAt: new Date(f.createdAt).toISOString() })) };
  }
  async function saveFilter(userId: string, f: { name: string; query: Record<string, unknown> }) {
    const existing = (await store.filters(userId)).find((x) => fold(x.name) === fold(f.name));
    const item = { id: existing?.id ?? deps.ids(), userId, name: f.name, query: JSON.stringify(f.query), createdAt: existing?.createdAt ?? now() };
    await store.saveFilter(item);
    return { id: item.id, name: item.name, query: f.query, createdAt: new Date(item.createdAt).toISOString() };
  }
  async function removeFilter(userId: string, id: string) {
    if (!(await store.removeFilter(userId, id))) throw new AppError('not_found', `No saved filter ${id}`);
  }
  /** What clients show requests with: the statuses (names, kinds, order) and the groups. */
  async function meta() {
    const lc = await deps.lifecycle();
    return { statuses: lc.statuses.map((s) => ({ code: s.code, name: s.name, kind: s.kind, active: s.active, sort: s.sort })), groups: deps.groups() };
  }

  async function assignees(group?: string) {
    const all = await store.assignees();
    return { items: group ? all.filter((a) => a.kind === 'admin' || a.groups.includes(group)) : all };
  }

  return { create, page, list, history, openFor, prefill, meta, update, changeStatus, assign, comment, escalate, filters, saveFilter, removeFilter, assignees, must, change, wireOf, event };
}

export type Tickets = ReturnType<typeof createTickets>;
