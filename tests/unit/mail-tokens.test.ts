import { describe, expect, it } from 'vitest';
import { conversationOfAddress, replyAddress, signConversation, verifyConversation } from '../../server/mail/tokens.js';

const SECRET = 'a-secret-of-sixteen-plus';
const ID = '01930f6e-8d2c-7c41-9a55-3c1d2e4f5a6b';
const NOW = Date.parse('2026-12-04T12:00:00Z');

describe('conversation tokens', () => {
  it('round-trips a reply address, whatever case the mail system gives it, within the 64-character local part', () => {
    const address = replyAddress(SECRET, 'shop.example', ID, NOW + 86_400_000);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(conversationOfAddress(SECRET, 'shop.example', address, NOW)).toBe(ID);
    expect(conversationOfAddress(SECRET, 'SHOP.example', address.toUpperCase(), NOW)).toBe(ID);
  });

  it('refuses an expired, altered, foreign-domain, other-purpose or other-secret token', () => {
    const address = replyAddress(SECRET, 'shop.example', ID, NOW + 1000);
    expect(conversationOfAddress(SECRET, 'shop.example', address, NOW + 2000)).toBeNull();
    expect(conversationOfAddress(SECRET, 'other.example', address, NOW)).toBeNull();
    expect(conversationOfAddress('another-secret-16chars', 'shop.example', address, NOW)).toBeNull();
    const flipped = address.replace(/[0-9a-f](?=@)/, (c) => (c === '0' ? '1' : '0'));
    expect(conversationOfAddress(SECRET, 'shop.example', flipped, NOW)).toBeNull();
    const reopen = signConversation(SECRET, 'reopen', ID, NOW + 1000);
    expect(verifyConversation(SECRET, 'reopen', reopen, NOW)).toBe(ID);
    expect(verifyConversation(SECRET, 'reply', reopen, NOW)).toBeNull();
    expect(conversationOfAddress(SECRET, 'shop.example', 'support@shop.example', NOW)).toBeNull();
  });
});
