/**
 * The web app's Content-Security-Policy: everything from this origin only, no inline script or
 * style, no plugins, no framing. connect-src names the WebSocket origin of the page explicitly
 * (ws: or wss: for the same host), since older browsers do not count it as 'self'.
 */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export function contentSecurityPolicy(host: string | undefined, secure: boolean): string {
  const connect = ["'self'"];
  // The Host header comes from the client; only a well-formed one is repeated in the policy.
  if (host && HOST.test(host)) connect.push(`${secure ? 'wss' : 'ws'}://${host}`);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
