/**
 * The article chunk's entry: the article view, its strings in both languages and its CSS. Not on
 * the search path: App fetches it when the visitor heads for a result (hover, focus) or opens one.
 */
import { addStrings } from '../i18n/runtime.js';
import { articleStrings } from '../i18n/article-strings.js';
import css from './article.css?inline';

addStrings(articleStrings);

export { ArticleView } from './ArticleView.js';
export { css };
export type ArticleModule = typeof import('./article-chunk.js');
