/**
 * A handful of counters and gauges in Prometheus text format. Small enough that a client
 * library would cost more than it saves.
 */
export interface Metrics {
  inc(name: CounterName, by?: number): void;
  gauge(name: GaugeName, read: () => number): void;
  render(): string;
}

export type CounterName =
  | 'pasokh_messages_total'
  | 'pasokh_messages_duplicate_total'
  | 'pasokh_conversations_opened_total'
  | 'pasokh_rejected_payloads_total'
  | 'pasokh_faq_events_total'
  | 'pasokh_logins_failed_total';
export type GaugeName = 'pasokh_visitor_sockets' | 'pasokh_agent_sockets';

const HELP: Record<CounterName | GaugeName, string> = {
  pasokh_messages_total: 'Messages saved and relayed.',
  pasokh_messages_duplicate_total: 'Resent messages recognised by clientId and not stored again.',
  pasokh_conversations_opened_total: 'Conversations opened.',
  pasokh_rejected_payloads_total: 'Socket payloads or HTTP bodies rejected as invalid.',
  pasokh_faq_events_total: 'FAQ analytics events stored.',
  pasokh_logins_failed_total: 'Failed agent sign-ins.',
  pasokh_visitor_sockets: 'Connected visitor sockets on this process.',
  pasokh_agent_sockets: 'Connected agent sockets on this process.',
};

export function createMetrics(): Metrics {
  const counters = new Map<CounterName, number>();
  const gauges = new Map<GaugeName, () => number>();
  return {
    inc(name, by = 1) {
      counters.set(name, (counters.get(name) ?? 0) + by);
    },
    gauge(name, read) {
      gauges.set(name, read);
    },
    render() {
      const lines: string[] = [];
      for (const name of Object.keys(HELP) as (CounterName | GaugeName)[]) {
        const isGauge = gauges.has(name as GaugeName) || name.endsWith('_sockets');
        const value = isGauge ? (gauges.get(name as GaugeName)?.() ?? 0) : (counters.get(name as CounterName) ?? 0);
        lines.push(`# HELP ${name} ${HELP[name]}`, `# TYPE ${name} ${isGauge ? 'gauge' : 'counter'}`, `${name} ${value}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
