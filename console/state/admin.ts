/**
 * The console's HTTP side: the agent list and the saved replies. A 401 from any call means the
 * session is gone; the caller's `onSignedOut` then ends the session.
 */
import type { AgentRole } from '../../protocol/types.js';
import { ApiError, api as defaultApi } from '../lib/api.js';
import { errorText } from '../lib/error-text.js';
import type { Store } from './store.js';
import type { ConsoleState } from './state.js';

export type Api = typeof defaultApi;

export interface AdminDeps {
  store: Store<ConsoleState>;
  api: Api;
  /** Shows a failed action to the agent. */
  notice(message: string): void;
  /** The server said 401: the session ended. */
  onSignedOut(): Promise<void>;
}

export function createAdmin({ store, api, notice, onSignedOut }: AdminDeps) {
  /** Runs an HTTP call; returns the value, or the error text. */
  async function guarded<T>(run: () => Promise<T>): Promise<{ value?: T; error: string | null }> {
    try {
      return { value: await run(), error: null };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) await onSignedOut();
      return { error: errorText(err) };
    }
  }

  const admin = {
    async refreshAgents(): Promise<void> {
      const { value } = await guarded(() => api.agents());
      if (value) store.set({ agents: value.agents });
    },
    async addAgent(input: { email: string; name: string; password: string; role: AgentRole }): Promise<string | null> {
      const { error } = await guarded(() => api.addAgent(input));
      if (!error) await admin.refreshAgents();
      return error;
    },
    async setAgentDisabled(id: string, disabled: boolean): Promise<void> {
      const { error } = await guarded(() => api.updateAgent(id, { disabled }));
      if (error) notice(error);
      await admin.refreshAgents();
    },
    async removeAgent(id: string): Promise<void> {
      const { error } = await guarded(() => api.removeAgent(id));
      if (error) notice(error);
      await admin.refreshAgents();
    },
    async refreshReplies(): Promise<void> {
      const { value } = await guarded(() => api.replies());
      if (value) store.set({ replies: value.replies });
    },
    async saveReply(id: string | null, title: string, text: string): Promise<string | null> {
      const { error } = await guarded(() => (id ? api.updateReply(id, { title, text }) : api.addReply({ title, text })));
      if (!error) await admin.refreshReplies();
      return error;
    },
    async deleteReply(id: string): Promise<void> {
      const { error } = await guarded(() => api.removeReply(id));
      if (error) notice(error);
      await admin.refreshReplies();
    },
  };
  return admin;
}
