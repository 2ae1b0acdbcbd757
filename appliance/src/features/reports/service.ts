/**
 * Agent time (issue 6): logged-in, ready, busy and paused time per agent,
 * the paused time split by the pause reasons' billable flag. Times come from
 * the agent state history through the contracts' agent figures.
 */
import { computeAgentFigures, splitPausedTime, type AgentTimeReport, type AgentTransition, type CallJourney, type LocalizedName } from '@edgecall/contracts';

export interface AgentTimeDeps {
  agentHistory(from: number, to: number): Promise<AgentTransition[]>;
  /** Every pause reason of the list (inactive ones too), by code. */
  pauseReasons(): Promise<ReadonlyMap<string, { name: LocalizedName; billable: boolean }>>;
  /** Display names by agent number. */
  agentNames(): Promise<ReadonlyMap<string, string>>;
  now(): number;
}

export function createAgentTimeReport(deps: AgentTimeDeps) {
  /** `agents` null: everyone; else only these agent numbers. */
  async function report(from: number, to: number, agents: ReadonlySet<string> | null): Promise<AgentTimeReport> {
    const now = Math.min(deps.now(), to);
    // The whole history up to `to`: a state begun before the period still counts inside it.
    const [history, reasons, names] = await Promise.all([deps.agentHistory(0, to), deps.pauseReasons(), deps.agentNames()]);
    const none: CallJourney[] = [];
    const items = computeAgentFigures(history, none, { from, to, now })
      .filter((f) => (agents === null || agents.has(f.agent)) && f.loggedIn > 0)
      .map((f) => {
        const split = splitPausedTime(f.pausedByReason, reasons);
        return {
          agent: f.agent,
          name: names.get(f.agent) ?? null,
          loggedIn: f.loggedIn,
          ready: f.ready,
          busy: f.ringing + f.talk + f.hold + f.acw,
          paused: f.paused,
          pausedBillable: split.billable,
          pausedNonBillable: split.nonBillable,
          billable: f.loggedIn - split.nonBillable,
          byReason: split.byReason,
        };
      });
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), now: new Date(now).toISOString(), items };
  }
  return { report };
}

export type AgentTimeReports = ReturnType<typeof createAgentTimeReport>;
