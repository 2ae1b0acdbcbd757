/**
 * Pieces shared by the admin settings of issue 6: stable codes, names in the
 * three UI languages, and the problem shape every validation returns.
 */
import { z } from 'zod';

/** A stable key a client may translate or store (pause reasons, ticket statuses): never renamed. */
export const SETTING_CODE = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lowercase letters, digits and _, starting with a letter; at most 32');

const optionalName = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));

/** A display name per UI language: Azerbaijani required, English and Russian optional. */
export const LocalizedName = z.strictObject({
  az: z.string().trim().min(1, 'the Azerbaijani name is required').max(100),
  en: optionalName,
  ru: optionalName,
});
export interface LocalizedName {
  az: string;
  en?: string;
  ru?: string;
}

/** One thing wrong with a setting: `field` names where (a path like `criteria.2`), `message` says what. */
export interface SettingProblem {
  field: string;
  message: string;
}
