/**
 * Files attached to requests: type, extension and content checked (size is
 * the HTTP edge's limit, ATTACHMENT_MAX_BYTES), the file written before its
 * row (removed again if the row is not), each addition and removal in the
 * request's history. Served back only through the tickets:read route.
 */
import { AppError } from '@edgecall/contracts';
import { attachmentProblem } from './rules.ts';
import { attachmentWire } from './views.ts';
import type { StoredAttachment, TicketActor, TicketDeps } from './ports.ts';
import type { Tickets } from './service.ts';

export function createAttachments(deps: TicketDeps, tickets: Tickets) {
  async function add(ticketId: string, file: { name: string; contentType: string; bytes: Buffer }, actor: TicketActor) {
    const t = await tickets.must(ticketId);
    const problem = attachmentProblem(file.name, file.contentType, file.bytes);
    if (problem) throw new AppError('validation_failed', `The file cannot be attached: ${problem}`, [{ field: 'file', message: problem }]);
    const a: StoredAttachment = {
      id: deps.ids(),
      ticketId: t.id,
      name: file.name,
      contentType: file.contentType,
      size: file.bytes.length,
      sha256: deps.sha256(file.bytes),
      userId: actor.id,
      userName: actor.displayName,
      createdAt: deps.clock.now(),
      removedAt: null,
    };
    await deps.files.write(t.id, a.id, file.bytes);
    try {
      await tickets.change(t, null, async (cur, at, tx) => {
        await tx.insertAttachment({ ...a, createdAt: at });
        return { next: cur, events: [tickets.event(cur, actor, at, 'attachment', { after: { id: a.id, name: a.name, contentType: a.contentType, size: a.size, sha256: a.sha256 } })] };
      }, { expect: undefined });
    } catch (e) {
      await deps.files.remove(t.id, a.id).catch(() => undefined);
      throw e;
    }
    return attachmentWire(a);
  }

  async function find(ticketId: string, id: string): Promise<StoredAttachment> {
    const a = await deps.store.attachment(id);
    if (!a || a.ticketId !== ticketId || a.removedAt !== null) throw new AppError('not_found', `No attachment ${id} on request ${ticketId}`);
    return a;
  }

  async function read(ticketId: string, id: string) {
    const a = await find(ticketId, id);
    const file = await deps.files.read(ticketId, id);
    if (!file) throw new AppError('not_found', `The file of attachment ${a.name} is missing`);
    return { attachment: a, ...file };
  }

  async function remove(ticketId: string, id: string, actor: TicketActor) {
    const a = await find(ticketId, id);
    const t = await tickets.must(ticketId);
    await tickets.change(t, null, async (cur, at, tx) => {
      await tx.removeAttachment(a.id, at);
      return { next: cur, events: [tickets.event(cur, actor, at, 'attachment', { before: { id: a.id, name: a.name, contentType: a.contentType, size: a.size, sha256: a.sha256 } })] };
    }, { expect: undefined });
    await deps.files.remove(ticketId, id).catch(() => undefined);
  }

  return { add, read, remove };
}

export type Attachments = ReturnType<typeof createAttachments>;
