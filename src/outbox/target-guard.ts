import { BlockList, isIP } from 'node:net';
import type { PrivateTargetPolicy } from '../config/app-config';

/**
 * Addresses an outgoing request must not reach unless the operator allows private targets
 * (NOTIFY_ALLOW_PRIVATE_TARGETS): loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast and reserved ranges. A channel URL is chosen by a
 * team admin; without this, it could make Loopboard probe the network it runs in (server-side
 * request forgery, OWASP API7).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address (v4, v6, or v4-mapped v6) is one outgoing requests must not reach. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1] as string, 'ipv4');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) return blocked.check(bare, 'ipv6');
  return false;
}

/** Why a URL may not be a target, or null: only absolute http(s) URLs without credentials. */
export function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `must be an http(s) URL, not ${parsed.protocol.replace(/:$/, '')}`;
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (!parsed.hostname) return 'must name a host';
  return null;
}

/**
 * Whether this URL may reach a private address: with NOTIFY_ALLOW_PRIVATE_TARGETS any may, else
 * only hosts the operator named in NOTIFY_ALLOWED_HOSTS (an in-cluster Alertmanager, say).
 */
export function mayReachPrivate(url: URL, policy: PrivateTargetPolicy): boolean {
  if (policy.all) return true;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return policy.hosts.includes(host) || policy.hosts.includes(`${host}:${port}`);
}
