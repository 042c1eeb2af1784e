import { useEffect, useRef, type ReactNode } from 'react';

/** What a dashboard chart draws: categories along x, one or more series of numbers. */
export type ChartSpec = {
  type: 'bar' | 'line';
  categories: string[];
  series: Array<{ name: string; data: number[]; type?: 'bar' | 'line' }>;
  /** Horizontal bars for long category names. */
  horizontal?: boolean;
};

/**
 * One chart, drawn on the client by ECharts (imported lazily here, never on the server), and its
 * figures as a table for screen readers and for reading exact amounts: the chart is an image with a
 * label, the table (in `children`) holds the same numbers.
 */
export function StatsChart({ spec, label, children, testId }: { spec: ChartSpec; label: string; children: ReactNode; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose: () => void; resize: () => void } | undefined;
    let observer: ResizeObserver | undefined;
    void import('./echarts.client.ts').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, null, { renderer: 'svg' });
      const category = { type: 'category' as const, data: spec.categories, axisLabel: { interval: 0, hideOverlap: true } };
      const value = { type: 'value' as const };
      c.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: spec.horizontal ? value : category,
        yAxis: spec.horizontal ? { ...category, inverse: true } : value,
        series: spec.series.map((s) => ({ name: s.name, type: s.type ?? spec.type, data: s.data })),
      });
      chart = c;
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
    // The spec is compared by value: a new object with the same figures does not redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <figure className="stats-figure">
      <div ref={el} className="stats-chart" role="img" aria-label={label} data-testid={testId} />
      <figcaption>{children}</figcaption>
    </figure>
  );
}

/** A figures table that becomes one card per row on a phone (app.css `table.cards`). */
export function StatsTable({ head, rows, empty, textColumns = [] }: { head: string[]; rows: string[][]; empty?: string; textColumns?: number[] }) {
  const num = (j: number) => (j === 0 || textColumns.includes(j) ? undefined : 'num');
  if (rows.length === 0 && empty) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="cards">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className={num(head.indexOf(h))}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j} className={num(j)} data-label={head[j]}>
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
