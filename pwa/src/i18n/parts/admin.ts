/**
 * Admin strings, kept beside the main catalogs so work on this area does not
 * collide with others; az.ts, en.ts and ru.ts spread them in.
 */
export const adminAz = {} as const;

type Keys = keyof typeof adminAz;
export const adminEn: Record<Keys, string> = {};
export const adminRu: Record<Keys, string> = {};
