import { describe, expect, it } from 'vitest';
import { autoAckClientId, autoAckText, visitorLocale } from '../../server/relay/auto-ack.js';

describe('the automatic acknowledgement', () => {
  it('says when to expect a reply, from the rolling median', () => {
    expect(autoAckText('en', { online: true, replyMinutes: 3 })).toBe(
      'Thanks, we got your message. We usually reply in about 3 minutes.',
    );
    expect(autoAckText('en', { online: true, replyMinutes: 1 })).toBe(
      'Thanks, we got your message. We usually reply in about 1 minute.',
    );
    expect(autoAckText('fa', { online: true, replyMinutes: 12 })).toBe('پیامتان رسید. معمولاً ظرف حدود ۱۲ دقیقه پاسخ می‌دهیم.');
  });

  it('promises no time when there is no history yet, and none when nobody is online', () => {
    expect(autoAckText('en', { online: true, replyMinutes: null })).toMatch(/shortly/);
    expect(autoAckText('en', { online: false, replyMinutes: 2 })).toMatch(/Nobody is online/);
    expect(autoAckText('en', { online: false, replyMinutes: 2 })).not.toMatch(/\d/);
  });

  it('names the email a left message will be answered at', () => {
    expect(autoAckText('en', { online: false, replyMinutes: null }, 'sara@example.com')).toContain('sara@example.com');
    expect(autoAckText('fa', { online: false, replyMinutes: null }, 'sara@example.com')).toContain('sara@example.com');
  });

  it('speaks the page’s language, else the site’s', () => {
    expect(visitorLocale('fa-IR', 'en')).toBe('fa');
    expect(visitorLocale('en-GB', 'fa')).toBe('en');
    expect(visitorLocale(undefined, 'fa')).toBe('fa');
    expect(visitorLocale('de', 'en')).toBe('en');
  });

  it('has one clientId per conversation so a retry cannot acknowledge twice', () => {
    expect(autoAckClientId('c1')).toBe(autoAckClientId('c1'));
    expect(autoAckClientId('c1')).not.toBe(autoAckClientId('c2'));
  });
});
