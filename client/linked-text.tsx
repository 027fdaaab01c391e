/**
 * Message text with its http, https and mailto links as real links, everything else as text
 * nodes. The one component the widget's chat and the console both render.
 */
import { linkify } from '../protocol/links.js';

export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part) =>
        typeof part === 'string' ? (
          part
        ) : (
          // A new tab, so the chat stays where it is; no opener and no referrer for the site linked to.
          <a href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ),
      )}
    </>
  );
}
