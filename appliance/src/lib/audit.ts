/** The actor of an audited action, taken from the request's session. */
export interface Actor {
  actorId: string | null;
  actorName: string;
  address: string | null;
}

export interface AuditRecorder {
  record(entry: Actor & { action: string; targetType: string; targetId: string | null; before?: unknown; after?: unknown }): Promise<number>;
}

export function actorOf(ctx: { auth: { user: { id: string; username: string } } | null; address: string }): Actor {
  return { actorId: ctx.auth?.user.id ?? null, actorName: ctx.auth?.user.username ?? 'anonymous', address: ctx.address };
}
