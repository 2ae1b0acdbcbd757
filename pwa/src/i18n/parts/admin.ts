/**
 * Admin strings, kept beside the main catalogs so work on this area does not
 * collide with others; az.ts, en.ts and ru.ts spread them in.
 * Terms follow docs/GLOSSARY.md: Müraciətin növü, Müraciətin təsnifatı, Alt
 * təsnifatı, Şəhər/Rayon, Oflayn səbəbləri, Operator rejimləri, IVR səsləri,
 * Qeyri iş günləri, Şablonlar, Qiymətləndirmə meyarı, İcra statusu.
 */

export { adminAz } from './admin-az.ts';
export { adminEn } from './admin-en.ts';
export { adminRu } from './admin-ru.ts';
