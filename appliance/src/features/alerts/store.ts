import type { EntityManager } from '@mikro-orm/sqlite';
import type { AlertEvent, AlertStore } from './service.ts';

interface Row {
  rule_id: string;
  name: string;
  severity: string;
  scope: string;
  figure: string;
  threshold: number;
  value: number;
  raised_at: number;
  cleared_at: number | null;
}

export function createAlertStore(em: () => EntityManager): AlertStore {
  const conn = () => em().getConnection();
  return {
    async raised(e) {
      await conn().execute(
        `insert into alert_log (rule_id, name, severity, scope, figure, threshold, value, raised_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [e.ruleId, e.name, e.severity, e.scope, e.figure, e.threshold, e.value, e.raisedAt],
        'run',
      );
    },
    async cleared(ruleId, raisedAt, clearedAt) {
      await conn().execute(`update alert_log set cleared_at = ? where rule_id = ? and raised_at = ?`, [clearedAt, ruleId, raisedAt], 'run');
    },
    async log(limit) {
      const rows = await conn().execute<Row[]>(`select * from alert_log order by id desc limit ?`, [limit]);
      return rows.map(
        (r): AlertEvent => ({ ruleId: r.rule_id, name: r.name, severity: r.severity, scope: r.scope, figure: r.figure, threshold: r.threshold, value: r.value, raisedAt: r.raised_at, clearedAt: r.cleared_at }),
      );
    },
  };
}
