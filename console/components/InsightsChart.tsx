import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { InsightDay } from '../../protocol/insights.js';
import { intlLocale } from '../i18n/index.js';
import { dayToSeconds, seriesHighlights, type ChartSpec } from '../lib/insights-charts.js';
import { useConsole } from './context.js';

const HEIGHT = 200;

/**
 * One chart of the day series (uPlot, canvas), or the same numbers as a table. The canvas has a
 * text alternative: an image role whose label states each series' latest and highest value.
 */
export function InsightsChart({ spec, days, asTable }: { spec: ChartSpec; days: InsightDay[]; asTable: boolean }) {
  const { t, locale } = useConsole();
  const numbers = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 });
  const dayName = new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const fmtDay = (day: string) => dayName.format(Date.parse(`${day}T00:00:00Z`));
  const fmt = (value: number | null) => (value === null ? '—' : numbers.format(value));
  const headingId = `chart-${spec.id}`;
  const summary = t('insights.chartSummary', {
    title: t(spec.title),
    n: days.length,
    series: spec.series
      .map((s) => {
        const h = seriesHighlights(days, s.pick);
        return h
          ? t('insights.seriesSummary', { label: t(s.label), latest: fmt(h.latest), max: fmt(h.max), day: fmtDay(h.maxDay) })
          : `${t(s.label)}: ${t('insights.noData')}`;
      })
      .join('; '),
  });

  return (
    <figure class="card chart" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(spec.title)}</h2>
      {asTable ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('insights.day')}</th>
              {spec.series.map((s) => (
                <th key={s.label} scope="col">
                  {t(s.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{fmtDay(d.day)}</th>
                {spec.series.map((s) => (
                  <td key={s.label}>{fmt(s.pick(d))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Plot spec={spec} days={days} label={summary} fmtDay={fmtDay} fmt={fmt} />
      )}
    </figure>
  );
}

interface PlotProps {
  spec: ChartSpec;
  days: InsightDay[];
  label: string;
  fmtDay: (day: string) => string;
  fmt: (value: number | null) => string;
}

/** The uPlot canvas, sized to its box and redrawn when the box or the data change. */
function Plot({ spec, days, label, fmtDay, fmt }: PlotProps) {
  const { t } = useConsole();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data: uPlot.AlignedData = [days.map((d) => dayToSeconds(d.day)), ...spec.series.map((s) => days.map((d) => s.pick(d)))];
    const dayOfSeconds = (sec: number) => new Date(sec * 1000).toISOString().slice(0, 10);
    const plot = new uPlot(
      {
        width: Math.max(240, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true } },
        axes: [
          { values: (_u, splits) => splits.map((s) => fmtDay(dayOfSeconds(s))) },
          { values: (_u, splits) => splits.map((s) => fmt(s)), size: 56 },
        ],
        series: [
          { label: t('insights.day'), value: (_u, v) => (v === null ? '—' : fmtDay(dayOfSeconds(v))) },
          // Points always: a day with data between empty days is a point, not a line.
          ...spec.series.map((s) => ({
            label: t(s.label),
            stroke: s.color,
            fill: `${s.color}14`,
            width: 2,
            points: { show: true, size: 6, fill: s.color },
            value: (_u: uPlot, v: number | null) => fmt(v),
          })),
        ],
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, spec, label]);
  // Time runs left to right in both languages; the label carries the numbers for screen readers.
  return <div class="plot" dir="ltr" role="img" aria-label={label} ref={box} />;
}
