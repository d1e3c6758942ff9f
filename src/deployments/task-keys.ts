/**
 * The task keys of one team (`SRE-42`) named in commit messages and branch names, in order of
 * first mention. Branches are often lower case (`fix/sre-42-timeouts`), so the key's case is
 * ignored; a key glued to letters or digits (`XSRE-42`, `SRE-420` for 42) is not a mention.
 */
export function taskKeysIn(teamKey: string, texts: readonly (string | null)[]): string[] {
  const escaped = teamKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![A-Za-z0-9])${escaped}-(\\d{1,9})(?!\\d)`, 'gi');
  const keys = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(pattern))
      keys.add(`${teamKey.toUpperCase()}-${Number(match[1])}`);
  }
  return [...keys];
}
