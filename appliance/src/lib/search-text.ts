/**
 * Text folding for search and for "same name" checks. SQLite's lower() and
 * LIKE fold ASCII only, so Ş/ş, Ə/ə, Ç/ç… would never match: rows keep a
 * column folded here, and queries fold the term the same way.
 */

/**
 * Lower-cases the Azerbaijani way (İ → i, I → ı) and then treats ı as i, so
 * "ISMAYILLI", "İsmayıllı" and "ismayilli" all find each other whatever
 * keyboard the agent has. Inner whitespace collapses to one space.
 */
export function fold(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('az').replace(/ı/g, 'i').replace(/\s+/g, ' ').trim();
}

/** The words of a search term, folded; every word must occur (AND). */
export function searchWords(term: string | undefined, max = 8): string[] {
  if (!term) return [];
  return fold(term).split(' ').filter(Boolean).slice(0, max);
}

/** A LIKE pattern matching `word` anywhere; use with `escape '!'`. */
export function likeContains(word: string): string {
  return `%${word.replace(/[!%_]/g, (c) => '!' + c)}%`;
}
