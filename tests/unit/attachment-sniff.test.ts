import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffMime } from '../../server/attachments/sniff.js';
import { cleanName } from '../../server/attachments/service.js';
import { signLink, verifyLink } from '../../server/attachments/links.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/attachments');
const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('attachment type by content', () => {
  it('knows PNG, JPEG, GIF, WebP and PDF by their first bytes', () => {
    expect(sniffMime(readFileSync(resolve(FIXTURES, 'square.png')))).toBe('image/png');
    expect(sniffMime(readFileSync(resolve(FIXTURES, 'receipt.pdf')))).toBe('application/pdf');
    expect(sniffMime(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffMime(text('GIF89a\x01\x00'))).toBe('image/gif');
    expect(sniffMime(text('GIF87a\x01\x00'))).toBe('image/gif');
    expect(sniffMime(text('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses anything else, however it is named, and what is too short to tell', () => {
    expect(sniffMime(text('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMime(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffMime(text('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeNull();
    expect(sniffMime(bytes(0x89, 0x50, 0x4e))).toBeNull();
    expect(sniffMime(new Uint8Array())).toBeNull();
    expect(sniffMime(text('PK\x03\x04 a zip named .pdf'))).toBeNull();
  });

  it('keeps a file name without its path, quotes or control characters', () => {
    expect(cleanName('C:\\Users\\leila\\receipt.pdf')).toBe('receipt.pdf');
    expect(cleanName('../../etc/"passwd"\n')).toBe('passwd');
    expect(cleanName('')).toBe('file');
    expect(cleanName('عکس.png')).toBe('عکس.png');
    expect(cleanName('x'.repeat(500))).toHaveLength(200);
  });

  it('signs links that work until they expire, for their own file only', () => {
    const now = Date.UTC(2026, 0, 1);
    const link = signLink('key', 'file1', now);
    const query = new URLSearchParams(link.url.split('?')[1]);
    expect(verifyLink('key', 'file1', query.get('expires'), query.get('sig'), now + 1000)).toBe(true);
    expect(verifyLink('key', 'file1', query.get('expires'), query.get('sig'), now + 5 * 60_000 + 1)).toBe(false);
    expect(verifyLink('key', 'file2', query.get('expires'), query.get('sig'), now + 1000)).toBe(false);
    expect(verifyLink('other', 'file1', query.get('expires'), query.get('sig'), now + 1000)).toBe(false);
    expect(verifyLink('key', 'file1', undefined, query.get('sig'), now)).toBe(false);
  });
});
