/**
 * Is the appliance there at all? Used while offline to notice its return;
 * needs no session, so it also works on the login screen.
 */
export async function fetchHealth(): Promise<boolean> {
  try {
    const res = await fetch('/healthz', { cache: 'no-store', headers: { accept: 'application/json' } });
    const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
    // 503 with a body is the appliance answering "degraded": still reachable.
    return typeof body?.status === 'string';
  } catch {
    return false;
  }
}
