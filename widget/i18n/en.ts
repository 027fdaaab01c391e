/**
 * The whole English catalog, for tests and tools: the widget itself ships it in three parts
 * (panel-en.ts lazily per locale, article-strings.ts and chat-strings.ts with their chunks), so
 * a visitor downloads only the strings of what they use (size budget). fa.ts must have every key.
 * `{name}` placeholders are filled by `t()`; numbers passed as params are formatted per locale.
 */
import { answerStrings } from './answer-strings.js';
import { articleStrings } from './article-strings.js';
import { attachStrings } from './attach-strings.js';
import { chatStrings } from './chat-strings.js';
import { strings as panel } from './panel-en.js';

export const en = { ...panel, ...articleStrings.en, ...chatStrings.en, ...attachStrings.en, ...answerStrings.en };

export type MessageKey = keyof typeof en;
/** A catalog: one string for every key of the English one. */
export type Catalog = Record<MessageKey, string>;
