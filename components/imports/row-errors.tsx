import type { ImportRow } from '@/lib/domain/import';
import { Table, Td, Th } from '@/components/ui/table';

type Texts = Record<string, string>;

/** A message key with its {params}, from the texts the page passed. */
export function textOf(texts: Texts, key: string, params: Record<string, string | number> = {}): string {
  const raw = texts[key] ?? texts['validation.invalid'] ?? key;
  return raw.replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? ''));
}

/**
 * The refused rows: one line per problem with the row number of the file, the column (the
 * template's header) and the message in the user's language. Pure markup: the preview page and
 * the confirm form (rows refused at confirm time) both use it.
 */
export function RowErrors({ rows, texts, caption }: { rows: readonly ImportRow[]; texts: Texts; caption: string }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th numeric>{textOf(texts, 'imports.row')}</Th>
          <Th>{textOf(texts, 'imports.column')}</Th>
          <Th>{textOf(texts, 'imports.value')}</Th>
          <Th>{textOf(texts, 'imports.problem')}</Th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((r) =>
          r.errors.map((e, i) => (
            <tr key={`${r.row}-${i}`} data-row={r.row}>
              <Td numeric>{r.row}</Td>
              <Td>{e.column ? textOf(texts, `imports.columns.${e.column}`) : textOf(texts, 'imports.wholeRow')}</Td>
              <Td className="max-w-48 break-words">{e.column ? (r.cells[e.column] ?? '') : ''}</Td>
              <Td>{textOf(texts, e.message, e.params)}</Td>
            </tr>
          )),
        )}
      </tbody>
    </Table>
  );
}
