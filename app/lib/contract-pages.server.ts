import { CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import type { Viewer } from './auth.server.ts';
import { listContracts } from '#app/services/contracts.server.ts';

/** The list behind /contracts and /bureau/contracts: a status filter and a page from the URL. */
export async function contractListPage(v: Viewer, url: URL, fallbackStatus?: (typeof CONTRACT_STATUSES)[number]) {
  const status = CONTRACT_STATUSES.find((s) => s === url.searchParams.get('status')) ?? fallbackStatus;
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const pageSize = 20;
  const list = await listContracts(v, { status, page, pageSize });
  return { ...list, page, pageSize, status: status ?? null };
}
