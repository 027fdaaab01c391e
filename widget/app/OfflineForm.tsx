/** Nobody online: the visitor leaves an email and a message (`offline:leave`), answered later. */
import { useState } from 'preact/hooks';
import type { Locale } from '../../protocol/types.js';
import { MAX_MESSAGE_LENGTH } from '../../protocol/events.js';
import type { ChatClient } from '../chat/client.js';
import { t } from '../i18n/runtime.js';

export function OfflineForm({ client, locale }: { client: ChatClient; locale: Locale }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (status === 'sending' || !email.trim() || !text.trim()) return;
    setStatus('sending');
    try {
      const ack = await client.leaveOffline({ email: email.trim(), text: text.trim(), ...(name.trim() ? { name: name.trim() } : {}) });
      setStatus(ack.ok ? 'sent' : 'failed');
    } catch {
      setStatus('failed');
    }
  };

  if (status === 'sent') {
    return (
      <p class="note" role="status" data-autofocus tabIndex={-1}>
        {t(locale, 'offlineSent', { email: email.trim() })}
      </p>
    );
  }
  return (
    <form class="offline scroll" onSubmit={submit}>
      <label>
        {t(locale, 'email')}
        <input type="email" required autocomplete="email" dir="ltr" data-autofocus value={email} onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        {t(locale, 'name')}
        <input type="text" autocomplete="name" maxLength={120} value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        {t(locale, 'message')}
        <textarea required rows={4} maxLength={MAX_MESSAGE_LENGTH} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      {status === 'failed' && <p role="alert">{t(locale, 'errorGeneric')}</p>}
      <button type="submit" class="primary" disabled={status === 'sending'}>
        {t(locale, 'leaveMessage')}
      </button>
    </form>
  );
}
