/**
 * Supervision strings, kept beside the main catalogs so work on this area does not
 * collide with others; az.ts, en.ts and ru.ts spread them in.
 */
export const supervisionAz = {} as const;

type Keys = keyof typeof supervisionAz;
export const supervisionEn: Record<Keys, string> = {};
export const supervisionRu: Record<Keys, string> = {};
