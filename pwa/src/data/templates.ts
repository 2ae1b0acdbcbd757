import type { MessageTemplate, TemplateInput, TemplatePreview, TemplateChannel } from '@edgecall/contracts/settings/templates';
import type { ApiClient } from './http.ts';
import { catalogApi } from './catalog.ts';

export type { MessageTemplate, TemplatePreview, TemplateChannel } from '@edgecall/contracts/settings/templates';

/** Filters: `channel`, `language`, `active`. */
export const templatesApi = catalogApi<MessageTemplate, Partial<TemplateInput>>('/api/v1/settings/templates', { importable: true, exportable: true });

/** The text as it would be sent, filled with sample data; unknown placeholders are refused by name. */
export function previewTemplate(api: ApiClient, t: { channel: TemplateChannel; subject: string; body: string }): Promise<TemplatePreview> {
  return api.request('POST', '/api/v1/settings/templates/preview', { ...t, values: {} });
}
