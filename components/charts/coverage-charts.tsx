'use client';
/**
 * Coverage charts for the staff dashboard. Every chart has the same numbers as a table next to
 * it (the tables are what screen readers and the tests read), so a chart is an addition to the
 * page, not its content: its box (same size, `role="img"` with its label) is in the HTML at
 * once, and the drawing code (recharts, ./recharts-charts.tsx, about 125 KB gzip) is fetched only
 * after the page has loaded and when the box comes within a screen of the viewport (issue #31:
 * /staff's JavaScript at load within 1.8× of a bare Next.js page). Decision 063.
 */
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TrendPoint } from './recharts-charts';

export type { TrendPoint };

const Trend = dynamic(() => import('./recharts-charts').then((m) => m.TrendChart), { ssr: false });
const Curve = dynamic(() => import('./recharts-charts').then((m) => m.CurveChart), { ssr: false });
const Reasons = dynamic(() => import('./recharts-charts').then((m) => m.ReasonsChart), { ssr: false });

/** True once the page has loaded and the element is within a screen's height of the viewport. */
function useNearViewport<T extends Element>(): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    let observer: IntersectionObserver | undefined;
    const watch = () => {
      if (typeof IntersectionObserver === 'undefined') return setNear(true);
      observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            setNear(true);
            observer?.disconnect();
          }
        },
        { rootMargin: '100% 0px' },
      );
      observer.observe(el);
    };
    if (document.readyState === 'complete') watch();
    else window.addEventListener('load', watch, { once: true });
    return () => {
      window.removeEventListener('load', watch);
      observer?.disconnect();
    };
  }, [near]);
  return [ref, near];
}

function LazyChart({ className, ariaLabel, children }: { className: string; ariaLabel: string; children: () => ReactNode }) {
  const [ref, near] = useNearViewport<HTMLDivElement>();
  return (
    <div ref={ref} className={className} role="img" aria-label={ariaLabel}>
      {near ? children() : null}
    </div>
  );
}

export function TrendChart({ data, labels, ariaLabel }: { data: TrendPoint[]; labels: { recall: string; sixMonth: string; target: string }; ariaLabel: string }) {
  return (
    <LazyChart className="h-72 w-full" ariaLabel={ariaLabel}>
      {() => <Trend data={data} labels={labels} />}
    </LazyChart>
  );
}

export function CurveChart({ data, label, ariaLabel }: { data: { label: string; share: number | null }[]; label: string; ariaLabel: string }) {
  return (
    <LazyChart className="h-64 w-full" ariaLabel={ariaLabel}>
      {() => <Curve data={data} label={label} />}
    </LazyChart>
  );
}

export function ReasonsChart({ data, reasons, ariaLabel }: { data: Record<string, string | number>[]; reasons: { key: string; label: string }[]; ariaLabel: string }) {
  return (
    <LazyChart className="h-72 w-full" ariaLabel={ariaLabel}>
      {() => <Reasons data={data} reasons={reasons} />}
    </LazyChart>
  );
}
