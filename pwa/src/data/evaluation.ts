import type { CriterionInput, EvaluationCriterion, EvaluationForm, EvaluationFormInput } from '@edgecall/contracts/settings/evaluation';
import { catalogApi } from './catalog.ts';

export type { EvaluationCriterion, EvaluationForm } from '@edgecall/contracts/settings/evaluation';

export const criteriaApi = catalogApi<EvaluationCriterion, Partial<CriterionInput>>('/api/v1/settings/evaluation-criteria', { importable: true, exportable: true });
export const evaluationFormsApi = catalogApi<EvaluationForm, Partial<EvaluationFormInput>>('/api/v1/settings/evaluation-forms');
