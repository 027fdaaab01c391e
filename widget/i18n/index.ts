/**
 * Every string at once, for tests and tools that need a whole catalog synchronously. The widget
 * itself imports runtime.ts and loads the parts it needs, so nothing here ships to visitors.
 */
import type { Locale } from '../../protocol/types.js';
import { en, type Catalog } from './en.js';
import { fa } from './fa.js';
import { addStrings } from './runtime.js';

export type { Catalog, MessageKey } from './en.js';
export { addStrings, dir, formatNumber, formatTime, intlLocale, matchLocale, t } from './runtime.js';

export const catalogs: Record<Locale, Catalog> = { en, fa };
addStrings(catalogs);
