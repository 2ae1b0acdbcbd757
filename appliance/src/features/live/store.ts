import type { EntityManager } from '@mikro-orm/sqlite';
import type { SeqStore } from './service.ts';

/** Keeps the seq high-water mark in the meta table; one atomic write per reserved block. */
export function createSeqStore(em: () => EntityManager): SeqStore {
  return {
    async reserve(count) {
      const rows = await em()
        .getConnection()
        .execute<{ value: string }[]>(
          `insert into meta (key, value) values ('live_seq', ?)
           on conflict(key) do update set value = cast(value as integer) + ? returning value`,
          [String(count), count],
        );
      return Number(rows[0].value) - count + 1;
    },
  };
}
