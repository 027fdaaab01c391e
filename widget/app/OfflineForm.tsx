/** Nobody online: the visitor leaves an email and a message (`offline:leave`), answered later. */
import { useState } from 'preact/hooks';
import type { Locale } from '../../protocol/types.js';
import { MAX_MESSAGE_LENGTH } from '../../protocol/events.js';
import type { ChatClient } from '../chat/client.js';
import { t } from '../i18n/runtime.js';

/** `onSent(email)` runs once the message is stored; the panel then shows the confirmation. */
export function OfflineForm({ client, locale, onSent }: { client: ChatClient; locale: Locale; onSent: (email: string) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<'idle' | 'sending' | 'failed'>('idle');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (status === 'sending' || !email.trim() || !text.trim()) return;
    setStatus('sending');
    try {
      const ack = await client.leaveOffline({
        email: email.trim(),
        text: text.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      setStatus(ack.ok ? 'idle' : 'failed');
      if (ack.ok) onSent(email.trim());
    } catch {
      setStatus('failed');
    }
  };

  return (
    <form class="offline scroll" onSubmit={submit}>
      <label>
        {t(locale, 'email')}
        <input
          type="email"
          required
          autocomplete="email"
          dir="ltr"
          data-autofocus
          value={email}
          onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t(locale, 'name')}
        <input
          type="text"
          autocomplete="name"
          maxLength={120}
          value={name}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
        />
      </label>
      <label>
        {t(locale, 'message')}
        <textarea
          required
          rows={4}
          maxLength={MAX_MESSAGE_LENGTH}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      {status === 'failed' && <p role="alert">{t(locale, 'errorGeneric')}</p>}
      <button type="submit" class="primary" disabled={status === 'sending'}>
        {t(locale, 'leaveMessage')}
      </button>
    </form>
  );
}
