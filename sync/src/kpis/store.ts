import type { AgentTransition, CallJourney, KpiSettingsPayload } from '@edgecall/contracts';
import { num, type CentralDb } from '../db/orm.ts';

export interface BranchJourney {
  applianceId: string;
  journey: CallJourney;
}

/**
 * What the KPI engine needs from the synced records, selected the way the
 * branch selects its own (features/dashboard): the journeys that arrived in
 * the period, by the summary's arrival; agent transitions before the period's
 * end; the branch's KPI settings.
 */
export function createKpiSource(db: CentralDb) {
  const branchFilter = (appliances: string[] | null, params: unknown[]) => {
    if (!appliances) return '';
    params.push(JSON.stringify(appliances));
    return 'and appliance_id in (select jsonb_array_elements_text(?::jsonb))';
  };

  return {
    async journeys(appliances: string[] | null, from: number, to: number): Promise<BranchJourney[]> {
      const params: unknown[] = [from, to];
      const cond = branchFilter(appliances, params);
      const rows = await db.em().execute(
        `select appliance_id, payload from sync_record
         where entity = 'call_journey' and not deleted
           and (payload #>> '{summary,arrivedAt}')::bigint >= ? and (payload #>> '{summary,arrivedAt}')::bigint < ? ${cond}
         order by appliance_id, (payload #>> '{summary,arrivedAt}')::bigint, entity_id`,
        params,
      );
      return rows.map((r) => {
        const p = r.payload as { callId: string; direction: CallJourney['direction']; events: CallJourney['events'] };
        return { applianceId: String(r.appliance_id), journey: { callId: p.callId, direction: p.direction, events: p.events } };
      });
    },

    /**
     * Each agent's last transition before `to` and not after `now`. The engine
     * only reads every agent's state at `now` from the history (agentStatesAt:
     * the latest transition, the later one of two at the same instant), so
     * this is the same input, without reading years of transitions.
     */
    async agentStates(appliances: string[] | null, to: number, now: number): Promise<{ applianceId: string; transition: AgentTransition }[]> {
      const params: unknown[] = [to, now];
      const cond = branchFilter(appliances, params);
      const rows = await db.em().execute(
        `select distinct on (appliance_id, payload ->> 'agent') appliance_id, payload from sync_record
         where entity = 'agent_state' and not deleted and (payload ->> 'at')::bigint < ? and (payload ->> 'at')::bigint <= ? ${cond}
         order by appliance_id, payload ->> 'agent', (payload ->> 'at')::bigint desc, seq desc`,
        params,
      );
      return rows.map((r) => ({ applianceId: String(r.appliance_id), transition: r.payload as AgentTransition }));
    },

    async settings(appliances: string[] | null): Promise<Map<string, KpiSettingsPayload>> {
      const params: unknown[] = [];
      const cond = branchFilter(appliances, params);
      const rows = await db.em().execute(`select appliance_id, payload from sync_record where entity = 'kpi_settings' and not deleted ${cond}`, params);
      return new Map(rows.map((r) => [String(r.appliance_id), r.payload as KpiSettingsPayload]));
    },

    async branches(): Promise<{ id: string; name: string }[]> {
      return (await db.em().execute(`select id, name from appliance order by id`)).map((r) => ({ id: String(r.id), name: String(r.name) }));
    },

    async count(): Promise<number> {
      const [r] = await db.em().execute(`select count(*) as n from sync_record where entity = 'call_journey'`);
      return num(r?.n);
    },
  };
}

export type KpiSource = ReturnType<typeof createKpiSource>;
