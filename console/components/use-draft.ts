import { useEffect, useState } from 'preact/hooks';

/** Drafts survive switching tabs (per conversation, this page load only). */
const drafts = new Map<string, { text: string; internal: boolean }>();

/** The draft of one conversation's reply box, kept while the agent switches tabs. */
export function useDraft(id: string, onSwitch: () => void) {
  const [text, setText] = useState(drafts.get(id)?.text ?? '');
  const [internal, setInternal] = useState(drafts.get(id)?.internal ?? false);
  useEffect(() => {
    setText(drafts.get(id)?.text ?? '');
    setInternal(drafts.get(id)?.internal ?? false);
    onSwitch();
  }, [id]);
  useEffect(() => {
    drafts.set(id, { text, internal });
  }, [id, text, internal]);
  return { text, setText, internal, setInternal };
}
