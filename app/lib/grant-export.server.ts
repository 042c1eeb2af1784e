import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, type grantsForExport } from '#app/services/grants.server.ts';
import { csvDocument } from './csv.ts';

type Row = Awaited<ReturnType<typeof grantsForExport>>[number];

const MONEY_COLUMNS = new Set(['base', 'cap', 'amount', 'approvedAmount']);

export function grantsCsv(rows: Row[]): string {
  return csvDocument(
    EXPORT_COLUMNS.map(([, h]) => h),
    rows.map((r) => EXPORT_COLUMNS.map(([k]) => r[k])),
  );
}

/**
 * The same table as .xlsx. Money goes in as text-exact numbers with a 0.00
 * format; amounts here have at most 14 significant digits, which a double holds exactly.
 */
export async function grantsXlsx(rows: Row[], year: number): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '聊城市科技成果转移转化平台';
  const ws = wb.addWorksheet(`${year} 年度补助`);
  ws.columns = EXPORT_COLUMNS.map(([key, header]) => ({ header, key, width: key === 'recipient' || key === 'contracts' ? 36 : 16 }));
  for (const r of rows) {
    ws.addRow(Object.fromEntries(EXPORT_COLUMNS.map(([k]) => [k, MONEY_COLUMNS.has(k) && r[k] !== '' ? Number(r[k]) : r[k]])));
  }
  for (const [i, [k]] of EXPORT_COLUMNS.entries()) if (MONEY_COLUMNS.has(k)) ws.getColumn(i + 1).numFmt = '#,##0.00';
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
