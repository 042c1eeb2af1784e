import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '#db/client.ts';
import { contracts, conversationParticipants, conversations, demands, messages, results } from '#db/schema.ts';
import { CLOSE_REASONS, CONVERSATION_STATUSES } from '#domain/demands/codes.ts';
import { seedConversations } from '#db/seed/conversations.ts';
import { createOrg, patentNo } from './factories.ts';

describe('seedConversations', () => {
  it('writes 60+ conversations in every state and with every close reason, on results and demands', async () => {
    const holders = [await createOrg({ name: '聊城大学', kind: 'university' }), await createOrg({ kind: 'institute' })];
    const enterprises = [await createOrg({ name: '临清博承精密轴承有限公司', kind: 'enterprise' }), await createOrg({ kind: 'enterprise' }), await createOrg({ kind: 'enterprise' })];
    await createOrg({ name: '聊城市技术转移服务中心', kind: 'agency' });
    await getDb()
      .insert(results)
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          ownerOrgId: holders[i % 2]!.id,
          holderOrgId: holders[i % 2]!.id,
          kind: 'patent' as const,
          title: `一种高精度轴承滚道磨削工艺 ${i}`,
          abstract: '本发明公开了一种高精度轴承滚道磨削工艺，提高了滚道的圆度和表面质量。',
          field: 'optomechatronics' as const,
          ipType: 'invention_patent' as const,
          patentNo: patentNo(),
          transferModes: i % 3 ? ['license' as const] : ['transfer' as const, 'license' as const],
          maturity: 'pilot' as const,
          status: 'published' as const,
          publishedAt: new Date(),
        }))
      )
      .onConflictDoNothing();
    await getDb()
      .insert(demands)
      .values(
        Array.from({ length: 6 }, (_, i) => ({
          ownerOrgId: enterprises[i % 3]!.id,
          title: `精密轴承保持架新材料需求 ${i}`,
          description: '需要耐高温低摩擦的保持架材料。',
          field: 'new_materials' as const,
          cooperationModes: ['joint_development' as const],
        }))
      );

    const n = await getDb().transaction((tx) => seedConversations(tx));
    expect(n).toBeGreaterThanOrEqual(60);
    const byStatus = await getDb()
      .select({ status: conversations.status, n: sql<number>`count(*)::int` })
      .from(conversations)
      .groupBy(conversations.status);
    expect(byStatus.map((r) => r.status).sort()).toEqual([...CONVERSATION_STATUSES].sort());
    const reasons = await getDb().selectDistinct({ r: conversations.closeReason }).from(conversations).where(eq(conversations.status, 'closed'));
    expect(reasons.map((r) => r.r).sort()).toEqual([...CLOSE_REASONS].sort());
    expect(await getDb().$count(conversations, sql`${conversations.demandId} is not null`)).toBe(6);

    // Each drafted one has its draft contract between the right parties.
    const drafted = await getDb().select().from(conversations).innerJoin(contracts, eq(contracts.id, conversations.contractId)).where(eq(conversations.status, 'contract_drafted'));
    expect(drafted.length).toBe(byStatus.find((r) => r.status === 'contract_drafted')!.n);
    for (const { conversations: c, contracts: k } of drafted) {
      expect(k.status).toBe('draft');
      expect(c.resultId ? [k.sellerOrgId, k.buyerOrgId] : [k.buyerOrgId, k.sellerOrgId]).toEqual([c.ownerOrgId, c.initiatorOrgId]);
    }
    // The demo enterprise has several; every conversation has messages and its two sides.
    expect(await getDb().$count(conversations, eq(conversations.initiatorOrgId, enterprises[0]!.id))).toBeGreaterThanOrEqual(10);
    const empty = await getDb().execute(sql`select c.id from conversations c where not exists (select 1 from messages m where m.conversation_id = c.id)
                                            or (select count(*) from conversation_participants p where p.conversation_id = c.id and p.role <> 'agency') <> 2`);
    expect(empty.length).toBe(0);
    expect(await getDb().$count(messages)).toBeGreaterThan(n * 2);
    expect(await getDb().$count(conversationParticipants, eq(conversationParticipants.role, 'agency'))).toBeGreaterThan(5);
  });
});
