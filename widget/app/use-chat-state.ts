/** Subscribes a component to a chat client's state (undefined until the chat chunk is loaded). */
import { useEffect, useState } from 'preact/hooks';
import type { ChatClient, ChatState } from '../chat/client.js';

export function useChatState(client: ChatClient | undefined): ChatState | undefined {
  const [state, setState] = useState(client?.getState());
  useEffect(() => {
    if (!client) return;
    setState(client.getState());
    return client.subscribe(setState);
  }, [client]);
  return state;
}
