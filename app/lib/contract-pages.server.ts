import { CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import type { Viewer } from './auth.server.ts';
import { listContracts } from '#app/services/contracts.server.ts';

/**
 * The list behind /contracts and /bureau/contracts: a status filter (`all` for none), a text and a
 * page from the URL. Without a status the fallback applies (the registrar's queue opens on 待登记).
 */
export async function contractListPage(v: Viewer, url: URL, fallbackStatus?: (typeof CONTRACT_STATUSES)[number]) {
  const asked = url.searchParams.get('status');
  const status = asked === 'all' ? undefined : (CONTRACT_STATUSES.find((s) => s === asked) ?? fallbackStatus);
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1));
  const pageSize = 20;
  const list = await listContracts(v, { status, q, page, pageSize });
  return { ...list, page, pageSize, status: status ?? null, q };
}
