/** The catalogue's codes and statuses as clients see them over HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { ERRORS } from '../../protocol/errors.js';
import { getJson } from '../../widget/app/http.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('error codes over HTTP', () => {
  it("hands the widget the server's code for a refused request, so pasokh:error can carry it", async () => {
    h = await startHarness();
    await expect(getJson(`${h.url}/api/faq?site=nowhere`)).rejects.toMatchObject({
      code: 'unknown_site',
      message: 'There is no site "nowhere" on this server.',
    });
  });

  it('answers each refusal with the status the catalogue gives its code', async () => {
    h = await startHarness();
    const unknownSite = await fetch(`${h.url}/api/faq?site=nowhere`);
    expect(unknownSite.status).toBe(ERRORS.unknown_site.status);
    const me = await fetch(`${h.url}/api/me`);
    expect(me.status).toBe(ERRORS.unauthorized.status);
    expect(await me.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const nothing = await fetch(`${h.url}/api/nothing-here`);
    expect(nothing.status).toBe(ERRORS.not_found.status);
  });
});
