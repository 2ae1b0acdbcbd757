import { criteriaApi, type EvaluationCriterion } from '../../../data/evaluation.ts';
import { numberOr, text, yesNo, type CatalogScreen } from '../catalog-screen.ts';

export const criteriaScreen: CatalogScreen<EvaluationCriterion> = {
  key: 'evaluation-criteria',
  title: 'admin.eval.criteriaTitle',
  newLabel: 'admin.eval.newCriterion',
  emptyText: 'admin.eval.criteriaEmpty',
  importHint: 'admin.eval.importHint',
  api: criteriaApi,
  columns: (t) => [
    { key: 'name', label: t.t('admin.name'), render: (c) => c.name },
    { key: 'weight', label: t.t('admin.eval.weight'), render: (c) => t.number(c.weight) },
    { key: 'maxScore', label: t.t('admin.eval.maxScore'), render: (c) => t.number(c.maxScore) },
    { key: 'active', label: t.t('admin.active'), render: (c) => yesNo(t, c.active) },
  ],
  fields: (t) => [
    { name: 'name', label: t.t('admin.name'), type: 'text', required: true },
    { name: 'weight', label: t.t('admin.eval.weight'), type: 'number', min: 1, max: 100, step: 1, hint: t.t('admin.eval.weightHint') },
    { name: 'maxScore', label: t.t('admin.eval.maxScore'), type: 'number', min: 1, max: 100, step: 1, hint: t.t('admin.eval.maxScoreHint') },
    { name: 'description', label: t.t('admin.description'), type: 'textarea' },
    { name: 'active', label: t.t('admin.active'), type: 'checkbox', hint: t.t('admin.activeHint') },
  ],
  toForm: (c) => ({ name: c?.name ?? '', weight: c?.weight ?? 1, maxScore: c?.maxScore ?? 5, description: c?.description ?? '', active: c?.active ?? true }),
  toBody: (v) => ({ name: text(v.name), weight: numberOr(v.weight), maxScore: numberOr(v.maxScore), description: text(v.description), active: v.active === true }),
  nameOf: (c) => c.name,
  inactive: (c) => !c.active,
};
