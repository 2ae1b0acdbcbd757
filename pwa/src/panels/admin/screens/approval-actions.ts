import type { ApprovalKind } from '@edgecall/contracts/settings/approvals';
import { submitForApproval } from '../../../data/approvals.ts';
import type { MessageKey, Translator } from '../../../i18n/translator.ts';
import type { TableColumn } from '../../../components/ec-settings-table.ts';
import type { RunAction } from '../catalog-screen.ts';

type Approvable = { id: string; name: string; approval?: string };

/** The item's approval standing (absent: approved, as before policies existed). */
export const approvalColumn = <T extends Approvable>(t: Translator): TableColumn<T> => ({
  key: 'approval',
  label: t.t('admin.approval.column'),
  render: (item) => t.t(`admin.approval.state.${item.approval ?? 'approved'}` as MessageKey),
});

/** "Submit for approval" on drafts and rejected items. */
export const submitAction = <T extends Approvable>(kind: ApprovalKind): RunAction<T> => ({
  id: 'submit-approval',
  label: 'admin.approval.submit',
  when: (item) => item.approval === 'draft' || item.approval === 'rejected',
  run: async (api, item) => {
    await submitForApproval(api, kind, item.id);
    return { key: 'admin.approval.submitted', params: { name: item.name } };
  },
});
