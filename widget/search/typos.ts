/**
 * What the widget fetches on the first word the FAQ does not have as typed: fuse.js, for typos,
 * and the other keyboard layout, for text typed with the keyboard on the wrong language. A
 * visitor who types the FAQ's own words never downloads either.
 */
export { default as Fuse } from 'fuse.js/basic';
export { otherKeyboard } from './keyboard.js';
