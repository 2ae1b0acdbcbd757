import type { Scheduler } from '../../core/ports.ts';

export function createScheduler(): Scheduler & { cancelAll(): void } {
  const live = new Set<NodeJS.Timeout>();
  return {
    after(ms, fn) {
      const t = setTimeout(() => {
        live.delete(t);
        fn();
      }, Math.max(0, ms));
      live.add(t);
      return () => {
        clearTimeout(t);
        live.delete(t);
      };
    },
    cancelAll() {
      for (const t of live) clearTimeout(t);
      live.clear();
    },
  };
}
