import { describe, expect, it } from 'vitest';
import { describeBrowser, elapsedSince, formatWait, safeHref } from '../../console/lib/format.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('wait-time formatting', () => {
  it('shows seconds under a minute, minutes under an hour', () => {
    expect(formatWait(0, 'en')).toBe('0s');
    expect(formatWait(45 * s + 900, 'en')).toBe('45s');
    expect(formatWait(3 * m + 59 * s, 'en')).toBe('3m');
  });

  it('shows hours with minutes, and days with hours, dropping a zero remainder', () => {
    expect(formatWait(h + 5 * m, 'en')).toBe('1h 5m');
    expect(formatWait(2 * h, 'en')).toBe('2h');
    expect(formatWait(51 * h, 'en')).toBe('2d 3h');
    expect(formatWait(48 * h + 30 * m, 'en')).toBe('2d');
  });

  it('writes Persian units and digits', () => {
    expect(formatWait(3 * m, 'fa')).toBe('۳ دقیقه');
    expect(formatWait(h + 5 * m, 'fa')).toBe('۱ ساعت و ۵ دقیقه');
  });

  it('treats a wait in the future (clock skew) as zero', () => {
    expect(formatWait(-5 * s, 'en')).toBe('0s');
    expect(elapsedSince('2026-01-01T00:01:00Z', Date.parse('2026-01-01T00:00:00Z'))).toBe(0);
  });

  it('measures the time since an ISO timestamp', () => {
    expect(elapsedSince('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:02:30Z'))).toBe(150 * s);
    expect(elapsedSince(null, Date.now())).toBe(0);
    expect(elapsedSince('not a date', Date.now())).toBe(0);
  });
});

describe('browser description', () => {
  it('names Chrome, Edge, Firefox and Safari with their system', () => {
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 131 · Windows');
    expect(
      describeBrowser(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
      ),
    ).toBe('Edge 131 · Windows');
    expect(describeBrowser('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128 · Linux');
    expect(
      describeBrowser(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 · iOS');
    expect(
      describeBrowser(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome 131 · Android');
  });

  it('returns null without a userAgent', () => {
    expect(describeBrowser(undefined)).toBeNull();
  });
});

describe('links from visitor-reported URLs', () => {
  it('allows http and https only', () => {
    expect(safeHref('https://shop.example/cart?x=1')).toBe('https://shop.example/cart?x=1');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
