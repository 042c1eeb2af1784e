import ExcelJS from 'exceljs';

type Cell = string | number;

/**
 * One worksheet as .xlsx: a bold frozen header row, the money columns as numbers with a 0.00 format
 * (amounts here have at most 14 significant digits, which a double holds exactly), the rest as text.
 */
export async function xlsxDocument<K extends string>(
  sheetName: string,
  columns: ReadonlyArray<readonly [K, string]>,
  rows: ReadonlyArray<Record<K, Cell>>,
  opts: { money?: ReadonlySet<K>; wide?: ReadonlySet<K> } = {},
): Promise<ArrayBuffer> {
  const money = opts.money ?? new Set<K>();
  const wb = new ExcelJS.Workbook();
  wb.creator = '聊城市科技成果转移转化平台';
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map(([key, header]) => ({ header, key, width: opts.wide?.has(key) ? 36 : 16 }));
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map(([k]) => [k, money.has(k) && r[k] !== '' ? Number(r[k]) : r[k]])));
  for (const [i, [k]] of columns.entries()) if (money.has(k)) ws.getColumn(i + 1).numFmt = '#,##0.00';
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
