/** Agency filings (备案), one of the facts the B1–B3 awards are computed from: the registrar records them. */
import { eq } from 'drizzle-orm';
import { getDb } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { agencyFilings, organizations } from '#db/schema.ts';
import { notFound } from '#domain/errors.ts';
import { yearInCity } from '#config/city.ts';
import { enqueue } from '#jobs/enqueue.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';
import { refused, type Meta } from './shared.server.ts';

/** The bureau records an agency's filing; its award figures are recomputed from the filing year on. */
export async function fileAgency(v: Viewer, agencyOrgId: string, input: { level: 'national' | 'provincial' | 'municipal'; filedOn: string; newlyRecognized: boolean }, meta: Meta) {
  authorize(v, 'bureau.agencies.file');
  return getDb().transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id, status: organizations.status }).from(organizations).where(eq(organizations.id, agencyOrgId));
    if (!org) throw notFound();
    if (org.status !== 'verified') throw refused('该机构尚未通过认证', 'The organisation is not verified');
    const [f] = await tx.insert(agencyFilings).values({ agencyOrgId, ...input, createdBy: v.user.id }).returning();
    const from = Number(input.filedOn.slice(0, 4));
    const thisYear = Math.max(from, yearInCity());
    await enqueue(tx, 'grants:recompute', { event: 'filing', pairs: Array.from({ length: thisYear - from + 1 }, (_, i) => ({ recipientOrgId: agencyOrgId, year: from + i })) }, { jobKey: `grants:filing:${f!.id}` });
    await audit(tx, { actorUserId: v.user.id, action: 'agency.file', subjectType: 'organization', subjectId: agencyOrgId, ip: meta.ip, after: input });
    return f!;
  });
}
