/**
 * Ticketing strings, kept beside the main catalogs so work on this area does not
 * collide with others; az.ts, en.ts and ru.ts spread them in.
 */
export const ticketsAz = {} as const;

type Keys = keyof typeof ticketsAz;
export const ticketsEn: Record<Keys, string> = {};
export const ticketsRu: Record<Keys, string> = {};
