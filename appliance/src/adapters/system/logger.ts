import type { Logger, LogFields } from '../../core/ports.ts';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

type Sink = (line: string) => void;

/** One JSON object per line: machine-readable, greppable by `ns`. */
export function createLogger(level: LogLevel, namespace = 'appliance', sink: Sink = (l) => process.stdout.write(l + '\n')): Logger {
  const min = LEVELS[level];
  const write = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (LEVELS[lvl] < min) return;
    const entry: Record<string, unknown> = { ts: new Date().toISOString(), level: lvl, ns: namespace, msg };
    if (fields) {
      for (const [k, v] of Object.entries(fields)) entry[k] = v instanceof Error ? { message: v.message, stack: v.stack } : v;
    }
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (ns) => createLogger(level, ns.includes(':') ? ns : `${namespace}:${ns}`, sink),
  };
}
