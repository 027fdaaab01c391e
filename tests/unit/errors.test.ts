import { describe, expect, it } from 'vitest';
import { ERRORS, isErrorCode, isRetryable } from '../../protocol/errors.js';
import { HttpError } from '../../server/http/errors.js';

describe('the error catalogue', () => {
  it('retries only what may succeed later: overload and server faults', () => {
    const retryable = Object.keys(ERRORS).filter(isRetryable).sort();
    expect(retryable).toEqual(['internal', 'rate_limited', 'unavailable']);
    expect(isRetryable('invalid_payload')).toBe(false);
    expect(isRetryable('closed')).toBe(false);
  });

  it('treats an unknown code, even an inherited property name, as final and unknown', () => {
    expect(isRetryable('teapot')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isRetryable('constructor')).toBe(false);
  });

  it('gives every code an HTTP error status and a sentence', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.message.length, code).toBeGreaterThan(5);
    }
  });

  it("makes an HttpError carry its code's status, and its sentence unless one is given", () => {
    const refused = new HttpError('origin_not_allowed');
    expect(refused.status).toBe(403);
    expect(refused.message).toBe(ERRORS.origin_not_allowed.message);
    expect(new HttpError('rate_limited', 'Slow down.')).toMatchObject({
      status: 429,
      code: 'rate_limited',
      message: 'Slow down.',
    });
  });
});
