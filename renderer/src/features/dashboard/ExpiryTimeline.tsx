import type { Timeline } from '../../../../shared/domain/dashboard-summary';

const W = 1000;
const H = 210;
const PAD = { top: 12, right: 8, bottom: 34, left: 34 };
const PALETTE_SIZE = 8;

/** Gridline values: 0, then up to four round steps up to the maximum. */
function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const step = Math.max(1, Math.ceil(max / 4));
  const out: number[] = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  if (out[out.length - 1] !== max) out.push(out[out.length - 1]! + step);
  return out;
}

/**
 * Stacked bars per month, one colour per issuing CA. The SVG is one image with a summary label; the same
 * numbers are in a table for screen readers and for reading exact values.
 */
export function ExpiryTimeline({ timeline }: { timeline: Timeline }): React.JSX.Element {
  const { months, cas } = timeline;
  const yTicks = ticks(timeline.max);
  const top = yTicks[yTicks.length - 1] || 1;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / months.length;
  const barW = slot * 0.62;
  const y = (v: number): number => PAD.top + innerH - (v / top) * innerH;
  const colour = new Map(cas.map((c, i) => [c.id, i % PALETTE_SIZE]));
  const total = months.reduce((n, m) => n + m.total, 0);
  const busiest = months.reduce((a, m) => (m.total > a.total ? m : a), months[0]!);
  const summary =
    total === 0
      ? 'Expirations over the next 12 months: none.'
      : `Expirations over the next 12 months: ${total} certificates from ${cas.length} CA${cas.length === 1 ? '' : 's'}; busiest month ${busiest.label} with ${busiest.total}.`;

  return (
    <section className="panel timeline" aria-labelledby="timeline-title">
      <h3 id="timeline-title">Expirations, next 12 months</h3>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        <g className="axis">
          {yTicks.map((v) => (
            <g key={v}>
              <line className="gridline" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
              <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
                {v}
              </text>
            </g>
          ))}
          {months.map((m, i) => (
            <text key={m.key} x={PAD.left + slot * i + slot / 2} y={H - PAD.bottom + 16} textAnchor="middle">
              {m.label.slice(0, 3)}
              {/* The full year under the first month and each January: "Nov 27" would read as a day. */}
              {(i === 0 || m.label.startsWith('Jan')) && (
                <tspan x={PAD.left + slot * i + slot / 2} dy={14}>
                  {m.label.slice(-4)}
                </tspan>
              )}
            </text>
          ))}
        </g>
        {months.map((m, i) => {
          let acc = 0;
          return (
            <g key={m.key}>
              {cas.map((ca) => {
                const n = m.byCa[ca.id] ?? 0;
                if (!n) return null;
                const y1 = y(acc + n);
                const h = y(acc) - y1;
                acc += n;
                return (
                  <rect
                    key={ca.id}
                    className={`ca-fill-${colour.get(ca.id) ?? 0}`}
                    x={PAD.left + slot * i + (slot - barW) / 2}
                    y={y1}
                    width={barW}
                    height={h}
                    rx={2}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      {cas.length > 0 && (
        <ul className="legend-list" aria-label="Issuing CAs">
          {cas.map((ca) => (
            <li key={ca.id}>
              <span className={`legend-swatch ca-bg-${colour.get(ca.id) ?? 0}`} aria-hidden="true" />
              {ca.cn}
            </li>
          ))}
        </ul>
      )}
      <details className="table-alt">
        <summary>Show as table</summary>
        <table className="data" aria-label="Expirations per month by CA">
          <thead>
            <tr>
              <th scope="col">Month</th>
              {cas.map((ca) => (
                <th key={ca.id} scope="col">
                  {ca.cn}
                </th>
              ))}
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.key}>
                <th scope="row">{m.label}</th>
                {cas.map((ca) => (
                  <td key={ca.id}>{m.byCa[ca.id] ?? 0}</td>
                ))}
                <td>{m.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
