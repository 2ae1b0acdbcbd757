import type { EntityManager } from '@mikro-orm/sqlite';
import type { TargetStore } from './service.ts';

/**
 * The callback list (table callback_entry) is being built for issue 5; until
 * its migration is on this appliance, scheduled callbacks are not measured.
 * Checked per query, so the figure appears as soon as the table does.
 */
export function createTargetStore(em: () => EntityManager): TargetStore {
  const conn = () => em().getConnection();
  return {
    async scheduledCallbacksByAgent(from, to) {
      const cols = await conn().execute<{ name: string }[]>(`select name from pragma_table_info('callback_entry')`);
      const names = new Set(cols.map((c) => c.name));
      if (!['kind', 'assigned_agent', 'created_at'].every((c) => names.has(c))) return null;
      const rows = await conn().execute<{ agent: string; n: number }[]>(
        `select assigned_agent as agent, count(*) as n from callback_entry
          where kind = 'scheduled' and assigned_agent is not null and created_at >= ? and created_at < ?
          group by assigned_agent`,
        [from, to],
      );
      return Object.fromEntries(rows.map((r) => [r.agent, Number(r.n)]));
    },
  };
}
