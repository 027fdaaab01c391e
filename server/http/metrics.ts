/**
 * A handful of counters, gauges and one histogram in Prometheus text format. Small enough that
 * a client library would cost more than it saves.
 */
export interface Metrics {
  inc(name: CounterName, by?: number): void;
  gauge(name: GaugeName, read: () => number): void;
  observe(name: HistogramName, seconds: number): void;
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
export type HistogramName = 'pasokh_message_commit_seconds';

/** Upper bounds in seconds: fine below the relay's 15 ms p99 target, coarse above it. */
const HISTOGRAM_BUCKETS = [0.001, 0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;

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

const HISTOGRAM_HELP: Record<HistogramName, string> = {
  pasokh_message_commit_seconds: 'From a message arriving to its durable commit, when it is relayed and acked.',
};

export function createMetrics(): Metrics {
  const counters = new Map<CounterName, number>();
  const gauges = new Map<GaugeName, () => number>();
  const histograms = new Map(
    (Object.keys(HISTOGRAM_HELP) as HistogramName[]).map((name) => [
      name,
      { buckets: HISTOGRAM_BUCKETS.map(() => 0), sum: 0, count: 0 },
    ]),
  );
  return {
    observe(name, seconds) {
      const histogram = histograms.get(name)!;
      const at = HISTOGRAM_BUCKETS.findIndex((bound) => seconds <= bound);
      if (at !== -1) histogram.buckets[at]!++;
      histogram.sum += seconds;
      histogram.count++;
    },
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
      for (const [name, histogram] of histograms) {
        lines.push(`# HELP ${name} ${HISTOGRAM_HELP[name]}`, `# TYPE ${name} histogram`);
        let cumulative = 0;
        HISTOGRAM_BUCKETS.forEach((bound, i) => {
          cumulative += histogram.buckets[i]!;
          lines.push(`${name}_bucket{le="${bound}"} ${cumulative}`);
        });
        lines.push(
          `${name}_bucket{le="+Inf"} ${histogram.count}`,
          `${name}_sum ${histogram.sum}`,
          `${name}_count ${histogram.count}`,
        );
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
