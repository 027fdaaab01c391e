import type { FastifyReply } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createOriginRefusals, WARN_EVERY_MS } from '../../server/http/origin-refusals.js';

const site = loadConfig({}).sites[0]!;

/** The one part of a reply `refuse` uses: its headers. */
function replyOf() {
  const headers: Record<string, string> = {};
  const reply = {
    header: (name: string, value: string) => ((headers[name.toLowerCase()] = value), reply),
    getHeader: (name: string) => headers[name],
  };
  return reply as unknown as FastifyReply;
}

describe('refusing a page whose origin a site does not allow', () => {
  it('warns once per origin per hour, naming the origin and the allowedOrigins setting', async () => {
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    let now = 1_000_000;
    const refusals = createOriginRefusals({
      logger: { warn: ((fields: Record<string, unknown>, message: string) => warnings.push({ fields, message })) as never },
      now: () => now,
    });
    const reply = replyOf();

    refusals.refuse(reply, site, 'https://blog.example');
    now += 1000;
    refusals.refuse(reply, site, 'https://blog.example');
    refusals.refuse(reply, site, 'https://other.example');
    expect(warnings.map((w) => w.fields.origin)).toEqual(['https://blog.example', 'https://other.example']);
    expect(warnings[0]!.message).toContain('https://blog.example');
    expect(warnings[0]!.message).toContain('"allowedOrigins"');
    expect(warnings[0]!.message).toContain('site "default"');

    now += WARN_EVERY_MS;
    refusals.refuse(reply, site, 'https://blog.example');
    expect(warnings).toHaveLength(3);
  });

  it('returns a 403 origin_not_allowed the page may read', async () => {
    const refusals = createOriginRefusals({ logger: { warn: () => {} } as never });
    const reply = replyOf();
    const error = refusals.refuse(reply, site, 'https://blog.example');
    expect(error.status).toBe(403);
    expect(error.code).toBe('origin_not_allowed');
    expect(reply.getHeader('access-control-allow-origin')).toBe('https://blog.example');
  });
});
