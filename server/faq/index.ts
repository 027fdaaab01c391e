/** The server's FAQ: load, validate, render, serve, watch. */
export { createFaqLibrary, FaqError } from './library.js';
export type { FaqLibrary, FaqLibraryOptions } from './library.js';
export { checkFaq, runFaqCheck } from './check.js';
export { loadFaq } from './load.js';
export type { FaqProblem, LoadedFaq } from './load.js';
export { renderAnswer } from './render.js';
export { buildFaqPayload, faqVersion, withPopular } from './payload.js';
export type { BuiltPayload } from './payload.js';
