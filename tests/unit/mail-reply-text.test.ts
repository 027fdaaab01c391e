import { describe, expect, it } from 'vitest';
import { REPLY_MARKER, replyText } from '../../server/mail/reply-text.js';

describe('replyText', () => {
  it('keeps what was written above an English "On … wrote:" quote and drops the signature', () => {
    const body = [
      'Thanks, that works!',
      '',
      'Reza',
      '--',
      'Reza Ahmadi | Tehran',
      '',
      'On Mon, Dec 1, 2026 at 10:00 AM Shop <support@shop.example> wrote:',
      '> Hello',
      '> there',
    ].join('\n');
    expect(replyText(body)).toBe('Thanks, that works!\n\nReza');
  });

  it('cuts at a Persian "در … نوشت:" header', () => {
    const body = [
      'ممنون، درست شد.',
      '',
      'در تاریخ ۱۴۰۵/۰۹/۱۰ ساعت ۱۰:۰۰، فروشگاه <support@shop.example> نوشت:',
      '> سلام',
      '> پاسخ ما',
    ].join('\n');
    expect(replyText(body)).toBe('ممنون، درست شد.');
  });

  it('cuts at our own marker however the client quoted it, and at "Sent from my …" in either language', () => {
    expect(replyText(`Yes please.\nSent from my iPhone\n\n> ${REPLY_MARKER}\n> Sara replied:`)).toBe('Yes please.');
    expect(replyText(`بله لطفاً.\nارسال شده از تلفن همراه\n${REPLY_MARKER}`)).toBe('بله لطفاً.');
  });

  it('keeps a reply with no quote at all, and lines that only mention "wrote"', () => {
    expect(replyText('I wrote: my order number is 42.\nThanks')).toBe('I wrote: my order number is 42.\nThanks');
    expect(replyText('سفارش ۴۲ را نوشتم.')).toBe('سفارش ۴۲ را نوشتم.');
  });

  it('gives an empty text for a reply that only quotes', () => {
    expect(replyText('On Mon, Dec 1, 2026 Shop <s@shop.example> wrote:\n> hi')).toBe('');
    expect(replyText(`\r\n${REPLY_MARKER}\r\n`)).toBe('');
  });
});
