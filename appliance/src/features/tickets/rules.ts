/**
 * Pure rules of requests: the lifecycle a request type uses, who may move a
 * request, what an attachment must look like, the searchable text, and the
 * before/after of a change.
 */
import { ATTACHMENT_TYPES, canTransition, initialStatus, nextStatuses, workflowProblems, type SettingProblem, type TicketPolicy, type TicketWorkflow } from '@edgecall/contracts';
import type { Lifecycle, StoredTicket, TicketActor } from './ports.ts';

/** The statuses and transitions of the type's policy (all when it names none, or when what it names no longer forms a lifecycle). */
export function typeLifecycle(all: Lifecycle, policy: Pick<TicketPolicy, 'statuses'>): Lifecycle {
  if (!policy.statuses.length) return all;
  const keep = new Set(policy.statuses);
  const own: Lifecycle = { statuses: all.statuses.filter((s) => keep.has(s.code)), transitions: all.transitions.filter((t) => keep.has(t.from) && keep.has(t.to)) };
  return initialStatus(own) ? own : all;
}

/** Problems of a policy's status list against the lifecycle (for the request-type form). */
export function policyStatusProblems(all: Lifecycle, statuses: readonly string[]): SettingProblem[] {
  if (!statuses.length) return [];
  const known = new Set(all.statuses.map((s) => s.code));
  const unknown = statuses.filter((s) => !known.has(s));
  if (unknown.length) return [{ field: 'statuses', message: `ticket.statuses: no status ${unknown.join(', ')}` }];
  const keep = new Set(statuses);
  const own: TicketWorkflow = { statuses: all.statuses.filter((s) => keep.has(s.code)), transitions: all.transitions.filter((t) => keep.has(t.from) && keep.has(t.to)) };
  return workflowProblems(own).map((p) => ({ field: 'statuses', message: `ticket.statuses: ${p.message}` }));
}

export { canTransition, initialStatus, nextStatuses };

/** What a request type's ticket policy names must exist: the group, a `request` template, the statuses (field names without `ticket.`). */
export function policyProblems(policy: TicketPolicy, ctx: { groups: readonly string[]; lifecycle: Lifecycle; template: { channel: string; active: boolean } | null }): SettingProblem[] {
  const out: SettingProblem[] = [];
  if (policy.group !== null && !ctx.groups.includes(policy.group)) out.push({ field: 'group', message: `ticket.group: no group ${policy.group}; known: ${ctx.groups.join(', ')}` });
  if (policy.templateId !== null) {
    if (!ctx.template) out.push({ field: 'templateId', message: `ticket.templateId: no template ${policy.templateId}` });
    else if (ctx.template.channel !== 'request') out.push({ field: 'templateId', message: `ticket.templateId: a ${ctx.template.channel} template cannot pre-fill a request; choose a request template` });
  }
  if (policy.responseHours !== null && policy.resolutionHours !== null && policy.responseHours > policy.resolutionHours) {
    out.push({ field: 'responseHours', message: `ticket.responseHours: the response time (${policy.responseHours} h) is longer than the resolution time (${policy.resolutionHours} h)` });
  }
  out.push(...policyStatusProblems(ctx.lifecycle, policy.statuses));
  return out;
}

/** Admins always; otherwise as the type's policy says. */
export function mayMove(policy: Pick<TicketPolicy, 'movers'>, t: Pick<StoredTicket, 'group' | 'assigneeId'>, user: Pick<TicketActor, 'id' | 'kind' | 'groups'>): boolean {
  if (user.kind === 'admin') return true;
  const inGroup = t.group === null || user.groups.includes(t.group);
  if (policy.movers === 'supervisors') return user.kind === 'supervisor' && inGroup;
  if (policy.movers === 'group') return inGroup || t.assigneeId === user.id;
  return true;
}

const extensionOf = (name: string) => (/\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1] ?? '').toLowerCase();
const startsWith = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);

/**
 * What is wrong with a file, or null: a known type, an extension that fits
 * it, and content that is what it claims (a renamed .exe is refused).
 */
export function attachmentProblem(name: string, contentType: string, bytes: Buffer): string | null {
  const allowed = ATTACHMENT_TYPES[contentType];
  if (!allowed) return `files of type ${contentType} are not accepted; send ${Object.values(ATTACHMENT_TYPES).flat().join(', ')}`;
  const ext = extensionOf(name);
  if (!allowed.includes(ext)) return `“${name}” does not end in .${allowed.join(' or .')} as a ${contentType} file does`;
  if (bytes.length === 0) return 'the file is empty';
  const ok =
    contentType === 'application/pdf'
      ? startsWith(bytes, [0x25, 0x50, 0x44, 0x46])
      : contentType === 'image/png'
        ? startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        : contentType === 'image/jpeg'
          ? startsWith(bytes, [0xff, 0xd8, 0xff])
          : contentType === 'text/plain'
            ? !bytes.includes(0) && isUtf8(bytes)
            : startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]); // docx/xlsx: zip containers
  return ok ? null : `the content of “${name}” is not a ${allowed[0].toUpperCase()} file`;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A file name safe to put in a Content-Disposition header (the original is kept in the database). */
export function downloadName(name: string): { ascii: string; encoded: string } {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return { ascii, encoded: encodeURIComponent(name) };
}

/** The request's own words for search (comments are added by the service). */
export function searchText(t: Pick<StoredTicket, 'ref' | 'subject' | 'description' | 'number' | 'customerName' | 'customerEmail' | 'fields'>, extra: string[] = []): string[] {
  return [t.ref, t.subject, t.description, t.number ?? '', t.customerName, t.customerEmail ?? '', ...Object.values(t.fields).map((v) => (v === null ? '' : String(v))), ...extra];
}

/** The keys whose values differ, with before and after (the history of an edit). */
export function diff<T extends object>(before: T, after: T, keys: readonly (keyof T)[]): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of keys) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    b[k] = before[k];
    a[k] = after[k];
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/** The reference a person quotes: R-<year>-<seq, six digits>. */
export function refOf(seq: number, at: number, utcOffsetMinutes: number): string {
  const year = new Date(at + utcOffsetMinutes * 60_000).getUTCFullYear();
  return `R-${year}-${String(seq).padStart(6, '0')}`;
}
