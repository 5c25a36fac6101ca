/**
 * Weekly counts, oldest on the left, with the baseline band (baseline ± scale) shaded and the last week marked;
 * a chart a reviewer can read at a glance, with its numbers in the accessible name.
 */
export function Sparkline({
  label,
  weekly,
  baseline,
  scale,
  flagged,
}: {
  label: string;
  weekly: number[];
  baseline: number;
  scale: number;
  flagged: boolean;
}) {
  const width = 220;
  const height = 44;
  const points = [...weekly].reverse();
  // Headroom of twice the scale keeps a quiet country's band (baseline 0) from filling the whole chart.
  const max = Math.max(1, ...points, baseline + scale, 2 * scale);
  const x = (i: number) => (i / Math.max(1, points.length - 1)) * (width - 4) + 2;
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  const path = points.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = points[points.length - 1] ?? 0;
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`${label}: last week ${last}, baseline ${baseline}`}
      className="sparkline"
    >
      <rect
        x={0}
        y={y(baseline + scale)}
        width={width}
        height={Math.max(1, y(Math.max(0, baseline - scale)) - y(baseline + scale))}
        className="band"
      />
      <path d={path} className="line" />
      <circle cx={x(points.length - 1)} cy={y(last)} r={3.5} className={flagged ? 'dot flagged' : 'dot'} />
    </svg>
  );
}
