/**
 * Message templates (issue 6): SMS, e-mail and request texts with
 * `{{placeholder}}` fields. The placeholder set is fixed here so the admin
 * panel, the preview and the features that send texts agree on it.
 */
import { z } from 'zod';
import { patchOf } from '../crm.ts';
import type { SettingProblem } from './common.ts';

export const TEMPLATE_CHANNELS = ['sms', 'email', 'request'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];
export const TEMPLATE_LANGUAGES = ['az', 'en', 'ru'] as const;

/** Every placeholder a template may use, with the sample value the preview fills in. */
export const TEMPLATE_PLACEHOLDERS = {
  'contact.name': 'Aysel Məmmədova',
  'contact.phone': '+994 50 123 45 67',
  'contact.email': 'aysel@example.az',
  'call.number': '+994501234567',
  'call.date': '27.11.2026',
  'call.time': '14:35',
  'call.queue': 'Satış',
  'request.id': 'R-2026-000123',
  'request.type': 'Şikayət',
  'request.status': 'İcrada',
  'request.classification': 'Çatdırılma',
  'request.note': 'Sifariş gecikir',
  'agent.name': 'Elvin Quliyev',
  'agent.number': '201',
  'callback.time': '27.11.2026 16:00',
  'branch.name': 'Bakı filialı',
} as const satisfies Record<string, string>;
export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;
export const TEMPLATE_PLACEHOLDER_NAMES = Object.keys(TEMPLATE_PLACEHOLDERS) as TemplatePlaceholder[];

const LIMITS: Record<TemplateChannel, number> = { sms: 1000, email: 20_000, request: 5000 };

export const TemplateInput = z
  .strictObject({
    name: z.string().trim().min(1, 'required').max(200),
    channel: z.enum(TEMPLATE_CHANNELS),
    language: z.enum(TEMPLATE_LANGUAGES).default('az'),
    /** E-mail only. */
    subject: z.string().trim().max(200).default(''),
    body: z.string().trim().min(1, 'required').max(20_000),
    active: z.boolean().default(true),
  });
export type TemplateInput = z.output<typeof TemplateInput>;
export const TemplatePatch = patchOf(TemplateInput);
export interface MessageTemplate extends TemplateInput {
  id: string;
  updatedAt: string;
  /** Approval standing (settings/approvals.ts); absent or `approved` means usable. */
  approval?: 'approved' | 'draft' | 'pending' | 'rejected';
}

/** Sample values to preview with; unknown names are refused like in a template. */
export const PreviewValues = z.record(z.string().max(64), z.string().max(1000)).default({});
export const TemplatePreviewRequest = z.strictObject({ values: PreviewValues });
export const UnsavedTemplatePreview = z.strictObject({
  channel: z.enum(TEMPLATE_CHANNELS),
  subject: z.string().max(200).default(''),
  body: z.string().min(1, 'required').max(20_000),
  values: PreviewValues,
});

export interface TemplatePreview {
  subject: string;
  body: string;
  placeholders: TemplatePlaceholder[];
  length: number;
  /** SMS only: parts the text is sent in (GSM-7: 160/153 characters, else UCS-2: 70/67). */
  smsParts?: number;
}

const TOKEN = /\{\{([^{}]*)\}\}/g;

/** Placeholders of a text, or the problems: an unknown name, an unclosed `{{`, a stray `}}`. */
export function templatePlaceholders(text: string, field: string): { names: TemplatePlaceholder[]; problems: SettingProblem[] } {
  const names: TemplatePlaceholder[] = [];
  const problems: SettingProblem[] = [];
  const rest = text.replace(TOKEN, (_, inner: string) => {
    const name = inner.trim();
    if (name in TEMPLATE_PLACEHOLDERS) {
      if (!names.includes(name as TemplatePlaceholder)) names.push(name as TemplatePlaceholder);
    } else {
      problems.push({ field, message: `unknown placeholder {{${name}}}; known: ${TEMPLATE_PLACEHOLDER_NAMES.map((n) => `{{${n}}}`).join(', ')}` });
    }
    return '';
  });
  if (rest.includes('{{')) problems.push({ field, message: 'a “{{” is never closed with “}}”' });
  else if (rest.includes('}}')) problems.push({ field, message: 'a “}}” has no “{{” before it' });
  return { names, problems };
}

/** Rules the schema cannot say: known placeholders, a subject for e-mail only, the channel's length. */
export function templateProblems(t: Pick<TemplateInput, 'channel' | 'subject' | 'body'>): SettingProblem[] {
  const out = [...templatePlaceholders(t.body, 'body').problems, ...templatePlaceholders(t.subject, 'subject').problems];
  if (t.channel === 'email' && !t.subject.trim()) out.push({ field: 'subject', message: 'an e-mail template needs a subject' });
  if (t.channel !== 'email' && t.subject.trim()) out.push({ field: 'subject', message: `only e-mail templates have a subject, not ${t.channel}` });
  if (t.body.length > LIMITS[t.channel]) out.push({ field: 'body', message: `a ${t.channel} text is at most ${LIMITS[t.channel]} characters (this one has ${t.body.length})` });
  return out;
}

/** Fills the placeholders; a missing value becomes empty. */
export function renderTemplate(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(TOKEN, (whole, inner: string) => {
    const name = inner.trim();
    return name in TEMPLATE_PLACEHOLDERS ? (values[name] ?? '') : whole;
  });
}

const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€',
);
const GSM7_EXTENDED = new Set('^{}\\[~]|€');

/** SMS parts a text needs: GSM-7 when every character has one (extended ones count twice), else UCS-2. */
export function smsParts(text: string): number {
  const chars = [...text];
  if (chars.every((c) => GSM7.has(c))) {
    const units = chars.reduce((n, c) => n + (GSM7_EXTENDED.has(c) ? 2 : 1), 0);
    return units <= 160 ? 1 : Math.ceil(units / 153);
  }
  const units = text.length; // UTF-16 code units, as UCS-2 counts them
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

/** The preview of a template with sample values (overridden by `values`). */
export function previewTemplate(t: Pick<TemplateInput, 'channel' | 'subject' | 'body'>, values: Record<string, string> = {}): TemplatePreview {
  const filled = { ...TEMPLATE_PLACEHOLDERS, ...values } as Record<string, string>;
  const body = renderTemplate(t.body, filled);
  const names = [...new Set([...templatePlaceholders(t.subject, 'subject').names, ...templatePlaceholders(t.body, 'body').names])];
  return { subject: renderTemplate(t.subject, filled), body, placeholders: names, length: body.length, ...(t.channel === 'sms' ? { smsParts: smsParts(body) } : {}) };
}
