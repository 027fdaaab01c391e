/**
 * The whole Persian catalog (see en.ts for how the widget ships it). Typed as `Catalog`, so a
 * missing or misspelt key fails to compile; a unit test checks the same at run time.
 */
import { answerStrings } from './answer-strings.js';
import { articleStrings } from './article-strings.js';
import { attachStrings } from './attach-strings.js';
import { chatStrings } from './chat-strings.js';
import type { Catalog } from './en.js';
import { strings as panel } from './panel-fa.js';

export const fa: Catalog = { ...panel, ...articleStrings.fa, ...chatStrings.fa, ...attachStrings.fa, ...answerStrings.fa };
