/** A tiny Prometheus registry: counters and gauges with labels, text exposition. */
type Labels = Record<string, string>;

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
  collect?: () => number;
}

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class Metrics {
  private readonly series = new Map<string, Series>();

  counter(name: string, help: string) {
    const s = this.define(name, help, 'counter');
    return { inc: (labels: Labels = {}, by = 1) => this.add(s, labels, by) };
  }

  gauge(name: string, help: string, collect?: () => number) {
    const s = this.define(name, help, 'gauge');
    if (collect) s.collect = collect;
    return { set: (value: number, labels: Labels = {}) => s.values.set(key(labels), { labels, value }) };
  }

  /** A summary with quantiles over the most recent observations (a bounded reservoir). */
  summary(name: string, help: string, keep = 10_000) {
    const values: number[] = [];
    let count = 0;
    let sum = 0;
    this.summaries.set(name, { help, values, stats: () => ({ count, sum }) });
    return {
      observe: (v: number) => {
        count++;
        sum += v;
        values.push(v);
        if (values.length > keep) values.splice(0, values.length - keep);
      },
    };
  }

  private readonly summaries = new Map<string, { help: string; values: number[]; stats: () => { count: number; sum: number } }>();

  render(): string {
    const lines: string[] = [];
    for (const [name, s] of this.series) {
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
      if (s.collect) lines.push(`${name} ${s.collect()}`);
      for (const { labels, value } of s.values.values()) {
        const l = Object.entries(labels).map(([k, v]) => `${k}="${esc(v)}"`).join(',');
        lines.push(`${name}${l ? `{${l}}` : ''} ${value}`);
      }
    }
    for (const [name, s] of this.summaries) {
      const sorted = [...s.values].sort((a, b) => a - b);
      const q = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} summary`);
      for (const p of [0.5, 0.9, 0.99]) lines.push(`${name}{quantile="${p}"} ${q(p)}`);
      lines.push(`${name}_sum ${s.stats().sum}`, `${name}_count ${s.stats().count}`);
    }
    return lines.join('\n') + '\n';
  }

  private define(name: string, help: string, type: Series['type']): Series {
    const existing = this.series.get(name);
    if (existing) return existing;
    const s: Series = { help, type, values: new Map() };
    this.series.set(name, s);
    return s;
  }

  private add(s: Series, labels: Labels, by: number) {
    const k = key(labels);
    const cur = s.values.get(k);
    if (cur) cur.value += by;
    else s.values.set(k, { labels, value: by });
  }
}
