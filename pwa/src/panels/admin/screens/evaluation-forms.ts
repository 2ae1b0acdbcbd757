import { criteriaApi, evaluationFormsApi, type EvaluationCriterion, type EvaluationForm } from '../../../data/evaluation.ts';
import { text, yesNo, type CatalogScreen } from '../catalog-screen.ts';
import { approvalColumn, submitAction } from './approval-actions.ts';

interface Ctx {
  criteria: EvaluationCriterion[];
}

/** QA forms: criteria in the order the evaluator sees them (the order they are ticked in). */
export const evaluationFormsScreen: CatalogScreen<EvaluationForm, Ctx> = {
  key: 'evaluation-forms',
  title: 'admin.eval.formsTitle',
  newLabel: 'admin.eval.newForm',
  emptyText: 'admin.eval.formsEmpty',
  api: evaluationFormsApi,
  context: async (api) => ({ criteria: (await criteriaApi.fetch(api, { offset: 0, limit: 500 })).items }),
  columns: (t, ctx) => [
    { key: 'name', label: t.t('admin.name'), render: (f) => f.name },
    { key: 'criteria', label: t.t('admin.eval.criteria'), render: (f) => f.criteria.map((id) => ctx.criteria.find((c) => c.id === id)?.name ?? id).join(' → ') || t.t('common.none') },
    { key: 'active', label: t.t('admin.active'), render: (f) => yesNo(t, f.active) },
    approvalColumn(t),
  ],
  rowActions: [submitAction('evaluation_form')],
  fields: (t, ctx) => [
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
    { name: 'description', label: t.t('admin.description'), type: 'textarea' },
    {
      name: 'criteria',
      label: t.t('admin.eval.criteria'),
      type: 'checkboxes',
      hint: t.t('admin.eval.criteriaHint'),
      options: ctx.criteria.map((c) => ({ value: c.id, label: `${c.name}${c.active ? '' : ` (${t.t('admin.inactive')})`}` })),
    },
  ],
  toForm: (f) => ({ name: f?.name ?? '', description: f?.description ?? '', criteria: f?.criteria ?? [], active: f?.active ?? true }),
  toBody: (v) => ({ name: text(v.name), description: text(v.description), criteria: (v.criteria as string[]) ?? [], active: v.active === true }),
  nameOf: (f) => f.name,
  inactive: (f) => !f.active,
};
