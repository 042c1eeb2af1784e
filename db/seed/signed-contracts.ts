import { attachDocument } from '#app/services/documents.server.ts';
import { signedContractPdf } from './pdf.ts';

/**
 * Attaches the demo's signed contract text (db/seed/pdf.ts) to a contract made below the API
 * (demo seed, fixtures, chaos and bench scripts), through the same checks, store and audit as an
 * upload: registration requires it.
 */
export async function attachSignedContract(c: { id: string; sellerOrgId: string; title?: string; signedOn?: string }, reason: string) {
  const name = (c.title ?? 'signed-contract').slice(0, 100).replace(/[/\\]|\.\./g, '-');
  return attachDocument({ type: 'contract', id: c.id }, { purpose: 'signed_contract', fileName: `${name}（签署版）.pdf`, bytes: signedContractPdf(c), ownerOrgId: c.sellerOrgId }, { ip: 'seed', reason });
}
