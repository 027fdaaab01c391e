/**
 * What the widget fetches on the first word the FAQ does not have as typed: the typo matcher
 * with fuse.js, and the other keyboard layout, for text typed with the keyboard on the wrong
 * language. A visitor who types the FAQ's own words never downloads either.
 */
export { createTypoMatcher } from './fuzzy.js';
export { otherKeyboard } from './keyboard.js';
