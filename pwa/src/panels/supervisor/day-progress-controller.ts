import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppState } from '../../state/app-state.ts';
import { fetchTargetProgress, type AgentTargetProgress, type TargetProgressAnswer } from '../../data/targets.ts';

/**
 * Progress is recomputed by the appliance from stored journeys, so it is read
 * now and then rather than per event: often enough for a board that moves
 * with calls, rarely enough to cost the branch nothing.
 */
const REFRESH_MS = 30_000;
/** A burst of state changes (calls ending) settles before progress is read again. */
const SOON_MS = 2_000;

/**
 * Today's progress against the targets for the flash panel's board: each
 * agent's counts against their targets. A failure keeps the last answer;
 * the board shows no progress until the first one.
 */
export class DayProgressController implements ReactiveController {
  progress: TargetProgressAnswer | null = null;
  #byAgent = new Map<string, AgentTargetProgress>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #soon: ReturnType<typeof setTimeout> | undefined;
  #unsubscribe: (() => void) | null = null;
  #seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly app: () => AppState,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#unsubscribe = this.app().connection.subscribe((c, prev) => {
      if (c.reachable === true && prev.reachable !== true) void this.load();
    });
    this.#timer = setInterval(() => void this.load(), REFRESH_MS);
    void this.load();
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#seq++;
  }

  /** Something that counts changed (a call ended): read again once things settle. */
  soon(): void {
    clearTimeout(this.#soon);
    this.#soon = setTimeout(() => void this.load(), SOON_MS);
  }

  agent(agent: string): AgentTargetProgress | null | undefined {
    return this.progress ? (this.#byAgent.get(agent) ?? null) : undefined;
  }

  async load(): Promise<void> {
    const app = this.app();
    if (!app.session.can('supervisor:monitor')) return;
    const seq = ++this.#seq;
    try {
      const p = await fetchTargetProgress(app.api, 'day');
      if (seq !== this.#seq) return;
      this.progress = p;
      this.#byAgent = new Map(p.agents.map((a) => [a.agent, a]));
      this.host.requestUpdate();
    } catch {
      // Offline or refused: the board keeps the last progress it had.
    }
  }
}
