/**
 * Which reverse proxies to believe about the client's address. Trusting every hop (`true`) would
 * let any client write its own address into X-Forwarded-For and escape every per-address limit,
 * so only a hop count or the proxies' own addresses are accepted. HTTP (fastify's `trustProxy`)
 * and the Socket.IO handshake read the client address through the same rule.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';

/** `false`: no proxy; a number: that many proxies in front; a list: the proxies' addresses/networks. */
export type TrustProxy = false | number | string[];

const MAX_HOPS = 10;
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export const TRUST_EVERY_HOP_REFUSED =
  'would trust every hop, so any client could pick its own address with X-Forwarded-For and escape the sign-in and connection limits. ' +
  'Set the number of proxies in front of Pasokh (usually 1) or their addresses, e.g. "10.0.0.2,10.0.1.0/24".';

function isAddressOrNetwork(entry: string): boolean {
  if (NAMED_RANGES.has(entry) || isIP(entry) !== 0) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address || !prefix || !/^\d{1,3}$/.test(prefix)) return false;
  const family = isIP(address);
  return family !== 0 && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Reads a setting: `value` from the config file (false, a count, or a list) or the environment
 * (a count, or a comma-separated list). Returns a sentence for the site owner when it is wrong.
 */
export function parseTrustProxy(value: unknown, source: string): TrustProxy | { problem: string } {
  if (value === undefined || value === false || value === '' || value === 'false' || value === 0 || value === '0') return false;
  if (value === true || value === 'true') return { problem: `${source}: true ${TRUST_EVERY_HOP_REFUSED}` };
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count === 'number') {
    return Number.isInteger(count) && count > 0 && count <= MAX_HOPS
      ? count
      : { problem: `${source} must be a number of proxies from 0 to ${MAX_HOPS}, not ${count}.` };
  }
  const entries =
    typeof value === 'string'
      ? value
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
      : value;
  if (!Array.isArray(entries) || entries.length === 0)
    return { problem: `${source} must be a number of proxies or a list of their addresses.` };
  for (const entry of entries) {
    if (typeof entry !== 'string' || !isAddressOrNetwork(entry)) {
      return { problem: `${source}: "${String(entry)}" is not an IP address or network like "10.0.0.2" or "10.0.1.0/24".` };
    }
  }
  return entries as string[];
}

/** Whether the hop at `address`, `hop` steps from this server, is a proxy to believe (fastify's `trustProxy`). */
export function proxyTrust(trust: TrustProxy): (address: string, hop: number) => boolean {
  if (trust === false) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}

/** The client's address for `request`, following the forwarded chain only through trusted proxies. */
export function clientAddressResolver(trust: TrustProxy): (request: IncomingMessage) => string {
  const trusted = proxyTrust(trust);
  return (request) => proxyAddr(request, trusted);
}
