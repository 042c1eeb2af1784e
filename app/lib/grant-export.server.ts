import { EXPORT_COLUMNS, type grantsForExport } from '#app/services/grants/exports.server.ts';
import { csvDocument } from './csv.ts';
import { xlsxDocument } from './spreadsheet.server.ts';

type Row = Awaited<ReturnType<typeof grantsForExport>>[number];

export function grantsCsv(rows: Row[]): string {
  return csvDocument(
    EXPORT_COLUMNS.map(([, h]) => h),
    rows.map((r) => EXPORT_COLUMNS.map(([k]) => r[k])),
  );
}

/** The same table as .xlsx. */
export function grantsXlsx(rows: Row[], year: number): Promise<ArrayBuffer> {
  return xlsxDocument(`${year} 年度补助`, EXPORT_COLUMNS, rows, { money: new Set(['base', 'cap', 'amount', 'approvedAmount'] as const), wide: new Set(['recipient', 'contracts', 'policy'] as const) });
}
