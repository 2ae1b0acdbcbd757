/**
 * IPv4/IPv6 syntax checks without node:net, so the renderers stay free of
 * Node built-ins (DESIGN.md §3 rule 7). ip-address.test.ts compares them with
 * node:net on a list of tricky inputs.
 */

/** Dotted quad, no leading zeros (they read as octal to some parsers). */
export function isIPv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** RFC 4291 text form: eight hex groups, one `::`, optional trailing IPv4. No zone ids. */
export function isIPv6(value: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(value) || !value.includes(':')) return false;
  let body = value;
  if (value.includes('.')) {
    // An embedded IPv4 address stands for the last two groups.
    const lastColon = value.lastIndexOf(':');
    if (!isIPv4(value.slice(lastColon + 1))) return false;
    body = `${value.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const all = [...groups(halves[0]), ...(halves.length === 2 ? groups(halves[1]) : [])];
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length <= 7 : all.length === 8;
}
