/** What the web app may answer: everything except the service's own HTTP surface. */
const SERVICE_PREFIXES = ['/graphql', '/webhooks', '/health', '/metrics', '/reports'];

export type WebAnswer = 'asset' | 'file' | 'app' | 'none';

/**
 * How a GET for `path` is answered: a hashed asset (cached for a year), another file of the
 * build, the app's index.html for a client route, or nothing (the service's routes, and paths
 * that look like files but are not in the build, go on to Nest and its 404).
 */
export function webAnswerFor(path: string): WebAnswer {
  if (SERVICE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)))
    return 'none';
  if (path.startsWith('/assets/')) return 'asset';
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.includes('.') ? 'file' : 'app';
}
