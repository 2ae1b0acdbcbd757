/**
 * Evaluation criteria and QA forms (issue 6): a criterion has a weight and a
 * maximum score; a form groups criteria in order. An active form always
 * keeps at least one active criterion.
 */
import { z } from 'zod';
import { patchOf, RECORD_ID } from '../crm.ts';
import type { SettingProblem } from './common.ts';

export const CriterionInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(200),
  description: z.string().trim().max(2000).default(''),
  /** Relative weight in the form's score. */
  weight: z.number().int().min(1).max(100).default(1),
  /** Scores go from 0 to this. */
  maxScore: z.number().int().min(1).max(100).default(5),
  active: z.boolean().default(true),
});
export type CriterionInput = z.output<typeof CriterionInput>;
export const CriterionPatch = patchOf(CriterionInput);
export interface EvaluationCriterion extends CriterionInput {
  id: string;
  updatedAt: string;
}

export const EvaluationFormInput = z.strictObject({
  name: z.string().trim().min(1, 'required').max(200),
  description: z.string().trim().max(2000).default(''),
  /** Criterion ids in the order the evaluator sees them. */
  criteria: z.array(RECORD_ID).max(100).default([]),
  active: z.boolean().default(true),
});
export type EvaluationFormInput = z.output<typeof EvaluationFormInput>;
export const EvaluationFormPatch = patchOf(EvaluationFormInput);
export interface EvaluationForm extends EvaluationFormInput {
  id: string;
  updatedAt: string;
  /** Approval standing (settings/approvals.ts); absent or `approved` means usable. */
  approval?: 'approved' | 'draft' | 'pending' | 'rejected';
}

/** A form's criteria exist, appear once, and an active form has an active one. */
export function formProblems(form: Pick<EvaluationFormInput, 'criteria' | 'active'>, criteria: ReadonlyMap<string, Pick<EvaluationCriterion, 'name' | 'active'>>): SettingProblem[] {
  const out: SettingProblem[] = [];
  const seen = new Set<string>();
  form.criteria.forEach((id, i) => {
    if (!criteria.has(id)) out.push({ field: `criteria.${i}`, message: `no criterion ${id}` });
    if (seen.has(id)) out.push({ field: `criteria.${i}`, message: `criterion “${criteria.get(id)?.name ?? id}” is listed twice` });
    seen.add(id);
  });
  if (form.active && !form.criteria.some((id) => criteria.get(id)?.active)) {
    out.push({ field: 'criteria', message: 'an active form needs at least one active criterion' });
  }
  return out;
}

/**
 * A form's score in percent: each criterion's score over its maximum,
 * weighted. Criteria left unscored do not count; null when none is scored.
 */
export function formScore(criteria: Pick<EvaluationCriterion, 'id' | 'weight' | 'maxScore'>[], scores: Readonly<Record<string, number>>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined) continue;
    weighted += (Math.min(Math.max(s, 0), c.maxScore) / c.maxScore) * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : Math.round((weighted / weights) * 1000) / 10;
}
