/**
 * "Does knowing matter" (issue #28 point 6), server-rendered tables only (no chart code): the
 * knowledge figures of a period for the staff dashboard (`full`), the kader summary (`compact`:
 * lighter, no per-topic table) and the district view (DistrictKnowledgeTable, per puskesmas).
 * Every percentage with its counts ("16 dari 20"), "belum ada data" for a zero denominator.
 */
import { getLocale, getTranslations } from 'next-intl/server';
import { figureTexts, CoverageValue } from '@/components/coverage/figures';
import { Card } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import type { KnowledgeFigures, ScoreFigures } from '@/lib/domain/knowledge-figures';
import { highKnowledgeMin, KNOWLEDGE_STATEMENTS } from '@/lib/domain/knowledge';
import { formatNumber, type UiLocale } from '@/lib/format';

const TOTAL = KNOWLEDGE_STATEMENTS.length;
const HIGH_MIN = highKnowledgeMin(TOTAL);

async function meanFormatter() {
  const t = await getTranslations('knowledgeFigures');
  const tc = await getTranslations('coverage');
  const locale = (await getLocale()) as UiLocale;
  const one = (v: number) => formatNumber(Math.round(v * 10) / 10, locale);
  return function MeanScore(s: ScoreFigures, testId?: string) {
    if (s.meanScore === null || s.meanTotal === null)
      return (
        <span className="text-muted italic" data-testid={testId} data-empty="true">
          {tc('noData')}
        </span>
      );
    return (
      <span className="tabular-nums" data-testid={testId}>
        {t('meanValue', { mean: one(s.meanScore), total: one(s.meanTotal) })}
      </span>
    );
  };
}

export async function KnowledgeSection({
  figures: f,
  periodLabel,
  variant = 'full',
  title,
}: {
  figures: KnowledgeFigures;
  periodLabel: string;
  variant?: 'full' | 'compact';
  title?: string;
}) {
  const t = await getTranslations('knowledgeFigures');
  const tt = await getTranslations('counsel');
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  const n = (v: number) => formatNumber(v, locale);
  const mean = await meanFormatter();
  const compact = variant === 'compact';
  return (
    <Card title={title ?? t('title')} className="mt-6">
      <div data-testid="knowledge-figures">
        {compact ? null : <p className="text-sm text-muted">{t('intro')}</p>}
        <p className="mt-1 text-sm text-muted" data-testid="knowledge-period-note">
          {t('periodNote', { period: periodLabel })}
        </p>
        {f.empty ? (
          <p className="mt-3" data-testid="knowledge-empty">
            {t('empty', { period: periodLabel })}
          </p>
        ) : null}

        <Table caption={t('scores', { period: periodLabel })} className="mt-4">
          <thead>
            <tr>
              <Th>{t('occasion')}</Th>
              <Th numeric>{t('checks')}</Th>
              <Th>{t('meanScore')}</Th>
              {compact ? null : <Th>{t('shareCorrect')}</Th>}
            </tr>
          </thead>
          <tbody data-testid="knowledge-scores">
            {(['baseline', 'endline'] as const).map((o) => (
              <tr key={o} data-occasion={o}>
                <Td>{t(o)}</Td>
                <Td numeric>{n(f[o].checks)}</Td>
                <Td>{mean(f[o], `knowledge-mean-${o}`)}</Td>
                {compact ? null : (
                  <Td>
                    <CoverageValue fig={fig} c={f[o].shareCorrect} />
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>

        <dl className="mt-4">
          <dt className="text-sm font-semibold text-ink">{t('rose')}</dt>
          <dd>
            <CoverageValue fig={fig} c={f.rose} size={compact ? 'md' : 'lg'} testId="knowledge-rose" />
          </dd>
          <dd className="text-sm text-muted">{t('roseHelp')}</dd>
        </dl>

        <Table caption={t('statements', { period: periodLabel })} className="mt-4">
          <thead>
            <tr>
              <Th>{t('statement')}</Th>
              <Th>{t('baseline')}</Th>
              <Th>{t('endline')}</Th>
            </tr>
          </thead>
          <tbody data-testid="knowledge-statements">
            {f.baseline.perStatement.map((s, i) => (
              <tr key={s.id} data-statement={s.id}>
                <Td>{t(`statementLabel.${s.id}`)}</Td>
                <Td>
                  <CoverageValue fig={fig} c={s.correct} />
                </Td>
                <Td>
                  <CoverageValue fig={fig} c={f.endline.perStatement[i]!.correct} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="mt-2 text-sm text-muted">{t('statementsHelp')}</p>

        <Table caption={t('byBaseline', { period: periodLabel })} className="mt-4">
          <thead>
            <tr>
              <Th>{t('group')}</Th>
              <Th>{t('sixMonth')}</Th>
            </tr>
          </thead>
          <tbody data-testid="knowledge-by-baseline">
            {(
              [
                ['high', t('high', { min: HIGH_MIN, total: TOTAL }), f.byBaseline.high],
                ['low', t('low'), f.byBaseline.low],
                ['none', t('none'), f.byBaseline.none],
                ['all', t('all'), f.sixMonth],
              ] as const
            ).map(([key, label, c]) => (
              <tr key={key} data-group={key}>
                <Td>{label}</Td>
                <Td>
                  <CoverageValue fig={fig} c={c} testId={`knowledge-six-${key}`} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>

        {compact ? null : (
          <>
            <Table caption={t('byTopic', { period: periodLabel })} className="mt-4">
              <thead>
                <tr>
                  <Th>{t('topic')}</Th>
                  <Th>{t('counselled')}</Th>
                  <Th>{t('notCounselled')}</Th>
                </tr>
              </thead>
              <tbody data-testid="knowledge-by-topic">
                {f.byTopic.map((x) => (
                  <tr key={x.topic} data-topic={x.topic}>
                    <Td>{tt(x.topic)}</Td>
                    <Td>
                      <CoverageValue fig={fig} c={x.counselled} />
                    </Td>
                    <Td>
                      <CoverageValue fig={fig} c={x.notCounselled} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <p className="mt-2 text-sm text-muted">{t('topicHelp')}</p>
          </>
        )}
        <p className="mt-2 text-sm text-muted">{t('caution')}</p>
      </div>
    </Card>
  );
}

/** /dinkes: one row per puskesmas and the kabupaten (counts added), aggregates only. */
export async function DistrictKnowledgeTable({
  rows,
  total,
  periodLabel,
  totalLabel,
}: {
  rows: { id: string; name: string; figures: KnowledgeFigures }[];
  total: KnowledgeFigures;
  periodLabel: string;
  totalLabel?: string;
}) {
  const t = await getTranslations('knowledgeFigures');
  const locale = (await getLocale()) as UiLocale;
  const fig = await figureTexts();
  const n = (v: number) => formatNumber(v, locale);
  const mean = await meanFormatter();
  const line = (key: string, name: string, f: KnowledgeFigures, bold = false) => (
    <tr key={key} data-name={name} className={bold ? 'font-semibold' : undefined}>
      <Td>{name}</Td>
      <Td numeric>{n(f.baseline.checks)}</Td>
      <Td>{mean(f.baseline)}</Td>
      <Td numeric>{n(f.endline.checks)}</Td>
      <Td>{mean(f.endline)}</Td>
      <Td>
        <CoverageValue fig={fig} c={f.rose} />
      </Td>
      <Td>
        <CoverageValue fig={fig} c={f.byBaseline.high} />
      </Td>
      <Td>
        <CoverageValue fig={fig} c={f.byBaseline.low} />
      </Td>
    </tr>
  );
  return (
    <div data-testid="district-knowledge">
      <Table caption={t('district', { period: periodLabel })} className="mt-6">
        <thead>
          <tr>
            <Th>{t('puskesmas')}</Th>
            <Th numeric>{t('baseline')}</Th>
            <Th>{t('baselineMean')}</Th>
            <Th numeric>{t('endline')}</Th>
            <Th>{t('endlineMean')}</Th>
            <Th>{t('rose')}</Th>
            <Th>{t('highCoverage')}</Th>
            <Th>{t('lowCoverage')}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => line(r.id, r.name, r.figures))}
          {line('total', totalLabel ?? t('total'), total, true)}
        </tbody>
      </Table>
      <p className="mt-2 text-sm text-muted">{t('periodNote', { period: periodLabel })}</p>
      <p className="mt-1 text-sm text-muted">{t('caution')}</p>
    </div>
  );
}
