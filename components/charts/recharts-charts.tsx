'use client';
/**
 * The recharts drawings of the staff dashboard's charts. Loaded only by ./coverage-charts.tsx when
 * a chart is about to be seen (issue #31): recharts is about 125 KB gzip, most of /staff's code.
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One month; `target`: the target of that month's year (a trend may span two years). */
export type TrendPoint = { label: string; recall: number | null; sixMonth: number | null; target: number | null };

const pct = (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%` : '—');

export function TrendChart({ data, labels }: { data: TrendPoint[]; labels: { recall: string; sixMonth: string; target: string } }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" />
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#4b5563' }} />
        <YAxis domain={[0, 100]} tickFormatter={(v) => `${v}%`} tick={{ fontSize: 12, fill: '#4b5563' }} />
        <Tooltip formatter={(v) => pct(v)} />
        <Legend />
        {data.some((d) => d.target !== null) ? (
          <Line
            type="stepAfter"
            dataKey="target"
            name={labels.target}
            stroke="#b91c1c"
            strokeDasharray="6 4"
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ) : null}
        <Line type="monotone" dataKey="recall" name={labels.recall} stroke="#1e40af" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        <Line type="monotone" dataKey="sixMonth" name={labels.sixMonth} stroke="#9f1239" strokeWidth={3} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function CurveChart({ data, label }: { data: { label: string; share: number | null }[]; label: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" />
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: '#4b5563' }} />
        <YAxis domain={[0, 100]} tickFormatter={(v) => `${v}%`} tick={{ fontSize: 12, fill: '#4b5563' }} />
        <Tooltip formatter={(v) => pct(v)} />
        <Line type="stepAfter" dataKey="share" name={label} stroke="#166534" strokeWidth={3} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

const REASON_COLOURS = ['#9f1239', '#1e40af', '#92400e', '#166534', '#6b21a8', '#0f766e', '#4b5563', '#a3a3a3'];

export function ReasonsChart({ data, reasons }: { data: Record<string, string | number>[]; reasons: { key: string; label: string }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#e5e7eb" />
        <XAxis dataKey="name" tick={{ fontSize: 12, fill: '#4b5563' }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#4b5563' }} />
        <Tooltip />
        <Legend />
        {reasons.map((r, i) => (
          <Bar key={r.key} dataKey={r.key} name={r.label} stackId="a" fill={REASON_COLOURS[i % REASON_COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
