/**
 * The launcher's accessible name, kept apart from the full catalogs so the loader (which must
 * stay under 2 KB gzip) can import it without pulling every string. en.ts and fa.ts read it
 * from here, so there is still one source for the name.
 */
export const LAUNCHER_LABEL = { en: 'Open help', fa: 'بازکردن راهنما' } as const;
