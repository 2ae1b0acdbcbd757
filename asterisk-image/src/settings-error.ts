/**
 * Bad settings never surface as a stack trace from a renderer: they become one
 * SettingsError whose issues name each field, e.g.
 * `sip.trunks[0].secret: must not contain ';' (it starts a comment …)`.
 * The appliance maps it to its `validation_failed` error id.
 */
import type { z } from 'zod';

export interface SettingsIssue {
  path: string;
  message: string;
}

export class SettingsError extends Error {
  readonly issues: readonly SettingsIssue[];
  constructor(issues: readonly SettingsIssue[]) {
    super(`Invalid Asterisk settings:\n${issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'SettingsError';
    this.issues = issues;
  }
}

export function isSettingsError(value: unknown): value is SettingsError {
  return value instanceof SettingsError;
}

/** `['sip', 'trunks', 0, 'secret']` → `sip.trunks[0].secret` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function issuesFromZod(error: z.ZodError): SettingsIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}
