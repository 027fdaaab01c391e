import { useState } from 'preact/hooks';
import type { ConversationSummary } from '../../protocol/types.js';
import { api } from '../lib/api.js';
import { useConsole } from './context.js';
import { errorText } from '../lib/error-text.js';

/** On a closed conversation whose visitor left an email: send them the transcript they asked for. */
export function TranscriptButton({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useConsole();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const email = conversation.visitor.email;
  if (!email) return null;

  const send = async () => {
    try {
      const { sentTo } = await api.sendTranscript(conversation.id);
      setNote({ ok: true, text: t('transcript.sent', { email: sentTo }) });
    } catch (e) {
      setNote({ ok: false, text: t('error.generic', { message: errorText(e) }) });
    }
  };

  return (
    <>
      <button type="button" class="link-button" onClick={() => void send()}>
        {t('transcript.send', { email })}
      </button>
      {note && <span role={note.ok ? 'status' : 'alert'}>{note.text}</span>}
    </>
  );
}
