/**
 * The API token of this tab: sessionStorage only (gone when the tab closes), never in a URL, a
 * cookie or a log, and sent only to this origin.
 */
const KEY = 'loopboard.token';

export function readToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
