/**
 * One error type for every bad hardware description, so the appliance can show
 * an admin *which* field is wrong ("cards[0].spans[1].span: span 3 does not
 * exist on Digium TE220 (2 spans)") instead of a stack trace from deep inside
 * a generator.
 */
import type { z } from 'zod';

export interface ConfigIssue {
  /** Dotted path to the offending field, e.g. `cards[0].spans[1].e1.group`. */
  path: string;
  message: string;
}

export class HardwareConfigError extends Error {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[], title = 'Invalid DAHDI hardware configuration') {
    super(`${title}:\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'HardwareConfigError';
    this.issues = issues;
  }
}

export function isHardwareConfigError(value: unknown): value is HardwareConfigError {
  return value instanceof HardwareConfigError;
}

/** `['cards', 0, 'spans', 1, 'e1']` → `cards[0].spans[1].e1` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Zod issues → our issues, with an optional prefix for embedded schemas. */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}
