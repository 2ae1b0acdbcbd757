import type { ApiClient } from '../../data/http.ts';
import type { CatalogApi } from '../../data/catalog.ts';
import type { MessageKey, MessageParams, Translator } from '../../i18n/translator.ts';
import type { FormField, FormOption, FormValues } from '../../components/ec-settings-form.ts';
import type { TableColumn } from '../../components/ec-settings-table.ts';

/** A select above the list that narrows it (the request type whose classifications are shown). */
export interface ListFilter {
  name: string;
  label: string;
  options: FormOption[];
}

/** A row action beside edit and delete: "add a sub-classification" opens the form with values preset. */
export interface ChildAction<T> {
  id: string;
  label: MessageKey;
  when(item: T): boolean;
  preset(item: T): FormValues;
}

/** A row action that runs at once ("submit for approval"); its answer becomes the notice. */
export interface RunAction<T> {
  id: string;
  label: MessageKey;
  when(item: T): boolean;
  run(api: ApiClient, item: T): Promise<Notice>;
}

/** What the list says after an action; `secret` (a generated password) is shown once, apart, to copy. */
export interface Notice {
  key: MessageKey;
  params: MessageParams;
  secret?: string;
}

/**
 * What one admin list screen is: its calls, its columns, its form and how
 * form values become the appliance's body. <ec-catalog-panel> does the rest
 * (search, paging, create, edit, delete, CSV) the same way for every list.
 * `C` is what the screen loads besides its rows (choices for selects).
 */
export interface CatalogScreen<T extends { id: string }, C = unknown> {
  /** Names the list in the DOM (`data-list`) and its saved copy on the device. */
  key: string;
  title: MessageKey;
  newLabel: MessageKey;
  emptyText: MessageKey;
  searchHint?: MessageKey;
  importHint?: MessageKey;
  /** Shown above the list: what the settings do. */
  intro?: MessageKey;
  api: CatalogApi<T, never, never>;
  pageSize?: number;
  /** Choices the filters, columns and form need; loaded with the list (and again after each save). */
  context?(api: ApiClient, filters: Record<string, string | undefined>): Promise<C>;
  /** Filters shown above the list; the first option is chosen until the user picks one. */
  filters?(t: Translator, ctx: C): ListFilter[];
  columns(t: Translator, ctx: C): TableColumn<T>[];
  fields(t: Translator, ctx: C, editing: T | null): FormField[];
  /** The form's starting values: the item's, or the defaults with `preset` (a child action, the filters) applied. */
  toForm(item: T | null, preset: FormValues): FormValues;
  /** The POST or PATCH body. */
  toBody(values: FormValues, editing: T | null): unknown;
  nameOf(item: T): string;
  depth?(item: T): number;
  inactive?(item: T): boolean;
  /** Rows the branch cannot change (HQ's FAQ). */
  readonlyRow?(item: T): boolean;
  childActions?: ChildAction<T>[];
  rowActions?: RunAction<T>[];
  /** Rows that may be edited but not deleted (a built-in profile). */
  deletable?(item: T): boolean;
  /** The notice after a save, instead of "saved"/"created" (a password shown once). */
  savedNotice?(saved: T, created: boolean): Notice | null;
}

/** Text that is empty or only spaces becomes null (a cleared optional field). */
export const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
export const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
/** A number input's value; empty stays undefined so the appliance applies its default. */
export const numberOr = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const yesNo = (t: Translator, v: boolean) => (v ? t.t('common.yes') : t.t('admin.no'));
