import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, type Tx } from '#db/client.ts';
import { audit } from '#db/queries/audit.ts';
import { contracts, conversationParticipants, conversations, demands, messages, notifications, organizations, results, users } from '#db/schema.ts';
import { CLOSE_REASONS, type CloseReason, type ConversationStatus } from '#domain/demands/codes.ts';
import { AppError, conflict, forbidden, notFound } from '#domain/errors.ts';
import { authorize, type Viewer } from '#app/lib/auth.server.ts';
import type { ConversationStatusInput, InquiryCreate } from '#app/schemas/conversations.server.ts';
import { notify } from './notifications.server.ts';

type Meta = { ip: string };
type Conversation = typeof conversations.$inferSelect;
type Participant = typeof conversationParticipants.$inferSelect;
type Role = Participant['role'];

/** How much of a message a notification or an e-mail quotes. */
const EXCERPT_CHARS = 140;
/** A thread shows at most this many of its latest messages. */
const THREAD_MAX = 1_000;

const refused = (zh: string, en: string, fields: Record<string, { zh: string; en: string }> = {}) => new AppError('unprocessable', { zh, en }, fields);
const closedConflict = () => conflict({ zh: '该洽谈已结束', en: 'This conversation is closed' });

const excerpt = (s: string) => {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('')}…` : chars.join('');
};

const link = (id: string) => `/conversations/${id}`;

/**
 * Which state may follow which. `contract_drafted` may be entered again (the wizard is
 * opened again) and left back to negotiating when a draft is abandoned; closed is final.
 */
const NEXT: Record<ConversationStatus, readonly ConversationStatus[]> = {
  open: ['negotiating', 'contract_drafted', 'closed'],
  negotiating: ['contract_drafted', 'closed'],
  contract_drafted: ['negotiating', 'contract_drafted', 'closed'],
  closed: [],
};

async function lock(tx: Tx, id: string): Promise<Conversation> {
  const [c] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
  if (!c) throw notFound();
  return c;
}

/** The conversation's participants and the viewer's own row; a non-participant gets 404, whoever it is. */
async function participation(tx: Tx, v: Viewer, id: string) {
  const parts = await tx.select().from(conversationParticipants).where(eq(conversationParticipants.conversationId, id));
  const me = v.user.orgId ? parts.find((p) => p.orgId === v.user.orgId) : undefined;
  if (!me) throw notFound();
  return { parts, me };
}

async function subjectTitle(tx: Tx, c: Pick<Conversation, 'resultId' | 'demandId'>): Promise<string> {
  if (c.resultId) {
    const [r] = await tx.select({ title: results.title }).from(results).where(eq(results.id, c.resultId));
    return r?.title ?? '';
  }
  const [d] = await tx.select({ title: demands.title }).from(demands).where(eq(demands.id, c.demandId!));
  return d?.title ?? '';
}

function snapshot(c: Conversation) {
  return { status: c.status, closeReason: c.closeReason, contractId: c.contractId };
}

export function toApi(c: Conversation) {
  return {
    id: c.id,
    resultId: c.resultId,
    demandId: c.demandId,
    ownerOrgId: c.ownerOrgId,
    initiatorOrgId: c.initiatorOrgId,
    status: c.status,
    closeReason: c.closeReason,
    closeNote: c.closeNote,
    contractId: c.contractId,
    lastMessageAt: c.lastMessageAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * An enterprise asks about a published result (the holder answers), or a university or
 * institute answers a published demand (the enterprise answers). One conversation that is
 * not closed per listing and initiator: a second request gets the existing one back
 * (`created: false`, HTTP 200) and its message is not added.
 */
export async function openInquiry(v: Viewer, input: InquiryCreate, meta: Meta): Promise<{ conversation: Conversation; created: boolean }> {
  authorize(v, 'inquiry.open');
  const org = v.org!;
  return getDb().transaction(async (tx) => {
    let ownerOrgId: string;
    let title: string;
    const listingId = (input.resultId ?? input.demandId)!;
    if (input.resultId) {
      const [r] = await tx.select({ holderOrgId: results.holderOrgId, status: results.status, title: results.title }).from(results).where(eq(results.id, input.resultId));
      if (!r || r.status !== 'published') throw notFound();
      if (org.kind !== 'enterprise') throw forbidden({ zh: '只有企业可以就科技成果发起洽谈', en: 'Only enterprises open inquiries on results' });
      ownerOrgId = r.holderOrgId;
      title = r.title;
    } else {
      const [d] = await tx.select({ ownerOrgId: demands.ownerOrgId, status: demands.status, title: demands.title }).from(demands).where(eq(demands.id, input.demandId!));
      if (!d || d.status !== 'published') throw notFound();
      if (org.kind !== 'university' && org.kind !== 'institute') throw forbidden({ zh: '只有高校和科研院所可以就技术需求发起洽谈', en: 'Only universities and institutes answer demands' });
      ownerOrgId = d.ownerOrgId;
      title = d.title;
    }
    if (ownerOrgId === org.id) throw refused('不能就本单位发布的项目发起洽谈', 'You cannot open an inquiry on your own listing');
    // Serialises two requests of the same organisation on the same listing, so only one conversation is opened.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`inquiry:${listingId}:${org.id}`}))`);
    const [existing] = await tx
      .select()
      .from(conversations)
      .where(
        and(input.resultId ? eq(conversations.resultId, input.resultId) : eq(conversations.demandId, input.demandId!), eq(conversations.initiatorOrgId, org.id), ne(conversations.status, 'closed'))
      )
      .limit(1);
    if (existing) return { conversation: existing, created: false };
    const now = new Date();
    const [c] = await tx
      .insert(conversations)
      .values({ resultId: input.resultId ?? null, demandId: input.demandId ?? null, ownerOrgId, initiatorOrgId: org.id, lastMessageAt: now })
      .returning();
    await tx.insert(conversationParticipants).values([
      { conversationId: c!.id, orgId: org.id, role: 'initiator', lastReadAt: now },
      { conversationId: c!.id, orgId: ownerOrgId, role: 'counterpart' },
    ]);
    await tx.insert(messages).values({ conversationId: c!.id, senderUserId: v.user.id, senderOrgId: org.id, body: input.message });
    await notify(tx, {
      orgId: ownerOrgId,
      kind: 'conversation.opened',
      title: `新的洽谈：${title}`,
      body: `${org.name}：${excerpt(input.message)}`,
      link: link(c!.id),
    });
    await audit(tx, { actorUserId: v.user.id, actorOrgId: org.id, action: 'conversation.open', subjectType: 'conversation', subjectId: c!.id, ip: meta.ip, after: snapshot(c!) });
    return { conversation: c!, created: true };
  });
}

/**
 * A participant writes. The owner's first reply moves an open conversation to
 * negotiating. The other participants are notified; while an earlier message
 * notification of this conversation is still unread, it is refreshed instead of
 * adding another (and another e-mail).
 */
export async function postMessage(v: Viewer, id: string, body: string, meta: Meta) {
  return getDb().transaction(async (tx) => {
    const c = await lock(tx, id);
    const { parts, me } = await participation(tx, v, id);
    authorize(v, 'inquiry.open');
    if (c.status === 'closed') throw closedConflict();
    const [m] = await tx.insert(messages).values({ conversationId: id, senderUserId: v.user.id, senderOrgId: me.orgId, body }).returning();
    const reply = me.orgId === c.ownerOrgId && c.status === 'open';
    const [after] = await tx
      .update(conversations)
      .set({ lastMessageAt: m!.createdAt, updatedAt: new Date(), ...(reply ? { status: 'negotiating' as const } : {}) })
      .where(eq(conversations.id, id))
      .returning();
    if (reply) {
      await audit(tx, {
        actorUserId: v.user.id,
        actorOrgId: me.orgId,
        action: 'conversation.status',
        subjectType: 'conversation',
        subjectId: id,
        ip: meta.ip,
        reason: 'owner replied',
        before: snapshot(c),
        after: snapshot(after!),
      });
    }
    await tx
      .update(conversationParticipants)
      .set({ lastReadAt: m!.createdAt })
      .where(and(eq(conversationParticipants.conversationId, id), eq(conversationParticipants.orgId, me.orgId)));
    const title = `${v.org!.name} 的新消息：${await subjectTitle(tx, c)}`;
    for (const p of parts.filter((p) => p.orgId !== me.orgId)) {
      const [pending] = await tx
        .update(notifications)
        .set({ title, body: excerpt(body), createdAt: new Date() })
        .where(and(eq(notifications.orgId, p.orgId), eq(notifications.kind, 'conversation.message'), eq(notifications.link, link(id)), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      if (!pending) await notify(tx, { orgId: p.orgId, kind: 'conversation.message', title, body: excerpt(body), link: link(id) });
    }
    return { id: m!.id, body: m!.body, senderOrgId: m!.senderOrgId, createdAt: m!.createdAt.toISOString() };
  });
}

/** The owner or the initiator brings in one verified agency, which joins as a participant. */
export async function inviteAgency(v: Viewer, id: string, agencyOrgId: string, meta: Meta) {
  return getDb().transaction(async (tx) => {
    const c = await lock(tx, id);
    const { parts, me } = await participation(tx, v, id);
    authorize(v, 'inquiry.open');
    if (me.role === 'agency') throw forbidden({ zh: '只有洽谈双方可以邀请技术转移服务机构', en: 'Only the two sides invite an agency' });
    if (c.status === 'closed') throw closedConflict();
    const [a] = await tx.select({ id: organizations.id, kind: organizations.kind, status: organizations.status }).from(organizations).where(eq(organizations.id, agencyOrgId));
    if (!a || a.kind !== 'agency' || a.status !== 'verified') {
      throw refused('只能邀请已认证的技术转移服务机构', 'Only a verified agency can be invited', { agencyOrgId: { zh: '请选择已认证的技术转移服务机构', en: 'Choose a verified agency' } });
    }
    if (parts.some((p) => p.role === 'agency')) {
      throw conflict({ zh: '已有技术转移服务机构参与本洽谈', en: 'An agency already takes part in this conversation' });
    }
    await tx.insert(conversationParticipants).values({ conversationId: id, orgId: agencyOrgId, role: 'agency' });
    await tx.update(conversations).set({ updatedAt: new Date() }).where(eq(conversations.id, id));
    const title = await subjectTitle(tx, c);
    await notify(tx, {
      orgId: agencyOrgId,
      kind: 'conversation.invited',
      title: `${v.org!.name} 邀请您参与洽谈：${title}`,
      body: '作为技术转移服务机构参与该项目的洽谈，可查看全部消息并协助起草技术合同。',
      link: link(id),
    });
    await audit(tx, { actorUserId: v.user.id, actorOrgId: me.orgId, action: 'conversation.invite', subjectType: 'conversation', subjectId: id, ip: meta.ip, after: { agencyOrgId } });
    return toApi(c);
  });
}

/**
 * Moves the conversation on. Any participant may mark negotiating or start a contract
 * draft (which only records the state: the wizard creates the contract); only the two
 * sides close it, with a reason from the fixed list.
 */
export async function setStatus(v: Viewer, id: string, input: ConversationStatusInput, meta: Meta) {
  return getDb().transaction(async (tx) => {
    const c = await lock(tx, id);
    const { parts, me } = await participation(tx, v, id);
    authorize(v, input.status === 'contract_drafted' ? 'contract.draft' : 'inquiry.open');
    if (c.status === 'closed') throw closedConflict();
    if (!NEXT[c.status].includes(input.status)) {
      throw conflict({ zh: '洽谈当前状态不能进行此操作', en: `A ${c.status} conversation cannot become ${input.status}` });
    }
    if (input.status === 'closed' && me.role === 'agency') throw forbidden({ zh: '只有洽谈双方可以结束洽谈', en: 'Only the two sides close a conversation' });
    const [after] = await tx
      .update(conversations)
      .set({
        status: input.status,
        closeReason: input.status === 'closed' ? input.closeReason! : null,
        closeNote: input.status === 'closed' ? input.closeNote ?? null : null,
        updatedAt: new Date(),
      })
      .where(eq(conversations.id, id))
      .returning();
    if (c.status !== input.status) {
      await audit(tx, {
        actorUserId: v.user.id,
        actorOrgId: me.orgId,
        action: 'conversation.status',
        subjectType: 'conversation',
        subjectId: id,
        ip: meta.ip,
        reason: input.closeNote ?? null,
        before: snapshot(c),
        after: snapshot(after!),
      });
    }
    if (input.status === 'closed') {
      const title = await subjectTitle(tx, c);
      for (const p of parts.filter((p) => p.orgId !== me.orgId)) {
        await notify(tx, { orgId: p.orgId, kind: 'conversation.closed', title: `洽谈已结束：${title}`, body: `${v.org!.name} 结束了洽谈。`, link: link(id) });
      }
    }
    return { conversation: toApi(after!), next: input.status === 'contract_drafted' ? `/contracts/new?conversationId=${id}` : null };
  });
}

/** The viewer's organisation has read the conversation up to now. */
export async function markConversationRead(v: Viewer, id: string) {
  return getDb().transaction(async (tx) => {
    await participation(tx, v, id);
    await tx
      .update(conversationParticipants)
      .set({ lastReadAt: new Date() })
      .where(and(eq(conversationParticipants.conversationId, id), eq(conversationParticipants.orgId, v.user.orgId!)));
  });
}

/** One conversation with its participants and messages, for participants only (404 for anyone else, the bureau too). */
export async function getConversation(v: Viewer, id: string) {
  const db = getDb();
  return db.transaction(
    async (tx) => {
      const { parts, me } = await participation(tx, v, id);
      const [c] = await tx.select().from(conversations).where(eq(conversations.id, id));
      const orgs = await tx
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
        .from(organizations)
        .where(
          inArray(
            organizations.id,
            parts.map((p) => p.orgId)
          )
        );
      const rows = await tx
        .select({ id: messages.id, body: messages.body, senderOrgId: messages.senderOrgId, senderName: users.name, createdAt: messages.createdAt })
        .from(messages)
        .leftJoin(users, eq(users.id, messages.senderUserId))
        .where(eq(messages.conversationId, id))
        .orderBy(desc(messages.id))
        .limit(THREAD_MAX);
      const subject = c!.resultId ? { kind: 'result' as const, id: c!.resultId, title: await subjectTitle(tx, c!) } : { kind: 'demand' as const, id: c!.demandId!, title: await subjectTitle(tx, c!) };
      const name = (orgId: string) => orgs.find((o) => o.id === orgId)?.name ?? '';
      const roleOrder: Record<Role, number> = { initiator: 0, counterpart: 1, agency: 2 };
      return {
        ...toApi(c!),
        subject,
        myRole: me.role,
        myOrgId: me.orgId,
        lastReadAt: me.lastReadAt?.toISOString() ?? null,
        participants: parts
          .sort((a, b) => roleOrder[a.role] - roleOrder[b.role])
          .map((p) => ({ orgId: p.orgId, name: name(p.orgId), kind: orgs.find((o) => o.id === p.orgId)?.kind ?? null, role: p.role, joinedAt: p.joinedAt.toISOString() })),
        messages: rows
          .reverse()
          .map((m) => ({ id: m.id, body: m.body, senderOrgId: m.senderOrgId, senderOrgName: name(m.senderOrgId), senderName: m.senderName ?? '', createdAt: m.createdAt.toISOString() })),
      };
    },
    { accessMode: 'read only' }
  );
}

export type ConversationDetail = Awaited<ReturnType<typeof getConversation>>;

/** The conversations the viewer's organisation takes part in, latest message first, with what it has not read. */
export async function listConversations(v: Viewer, f: { page: number; pageSize: number; status?: ConversationStatus }) {
  if (!v.user.orgId) return { items: [], total: 0 };
  const org = v.user.orgId;
  const owner = alias(organizations, 'owner_org');
  const initiator = alias(organizations, 'initiator_org');
  const where: SQL[] = [eq(conversationParticipants.orgId, org)];
  if (f.status) where.push(eq(conversations.status, f.status));
  const cond = and(...where);
  const db = getDb();
  const [rows, [count]] = await Promise.all([
    db
      .select({
        c: conversations,
        role: conversationParticipants.role,
        title: sql<string>`coalesce(${results.title}, ${demands.title})`,
        ownerName: owner.name,
        initiatorName: initiator.name,
        lastBody: sql<string | null>`(select m.body from messages m where m.conversation_id = ${conversations.id} order by m.id desc limit 1)`,
        unread: sql<number>`(select count(*)::int from messages m where m.conversation_id = ${conversations.id} and m.sender_org_id <> ${org}
                  and (${conversationParticipants.lastReadAt} is null or m.created_at > ${conversationParticipants.lastReadAt}))`,
      })
      .from(conversationParticipants)
      .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
      .innerJoin(owner, eq(owner.id, conversations.ownerOrgId))
      .innerJoin(initiator, eq(initiator.id, conversations.initiatorOrgId))
      .leftJoin(results, eq(results.id, conversations.resultId))
      .leftJoin(demands, eq(demands.id, conversations.demandId))
      .where(cond)
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(conversationParticipants)
      .innerJoin(conversations, eq(conversations.id, conversationParticipants.conversationId))
      .where(cond),
  ]);
  return {
    items: rows.map((r) => ({
      ...toApi(r.c),
      subject: { kind: r.c.resultId ? ('result' as const) : ('demand' as const), id: (r.c.resultId ?? r.c.demandId)!, title: r.title },
      myRole: r.role,
      ownerName: r.ownerName,
      initiatorName: r.initiatorName,
      lastMessage: r.lastBody ? excerpt(r.lastBody) : null,
      unread: r.unread,
    })),
    total: count?.n ?? 0,
  };
}

/** Why the owner's conversations ended: counts per reason over all its listings, and per listing. */
export async function closeReasonSummary(v: Viewer) {
  const empty = Object.fromEntries(CLOSE_REASONS.map((r) => [r, 0])) as Record<CloseReason, number>;
  if (!v.user.orgId) return { total: 0, reasons: empty, listings: [] };
  const rows = await getDb()
    .select({
      resultId: conversations.resultId,
      demandId: conversations.demandId,
      title: sql<string>`coalesce(${results.title}, ${demands.title})`,
      reason: conversations.closeReason,
      n: sql<number>`count(*)::int`,
    })
    .from(conversations)
    .leftJoin(results, eq(results.id, conversations.resultId))
    .leftJoin(demands, eq(demands.id, conversations.demandId))
    .where(and(eq(conversations.ownerOrgId, v.user.orgId), eq(conversations.status, 'closed')))
    .groupBy(conversations.resultId, conversations.demandId, results.title, demands.title, conversations.closeReason);
  const reasons = { ...empty };
  const listings = new Map<string, { kind: 'result' | 'demand'; id: string; title: string; total: number; reasons: Record<CloseReason, number> }>();
  for (const r of rows) {
    const reason = r.reason!;
    reasons[reason] += r.n;
    const id = (r.resultId ?? r.demandId)!;
    const l = listings.get(id) ?? { kind: r.resultId ? 'result' : 'demand', id, title: r.title, total: 0, reasons: { ...empty } };
    l.total += r.n;
    l.reasons[reason] += r.n;
    listings.set(id, l);
  }
  const total = Object.values(reasons).reduce((s, n) => s + n, 0);
  return { total, reasons, listings: [...listings.values()].sort((a, b) => b.total - a.total || a.title.localeCompare(b.title)).slice(0, 20) };
}

/**
 * What the contract wizard starts from when opened from a conversation: the seller is the
 * result's current holder (for a demand, the university side), the buyer the enterprise
 * side, the broker the participating agency. Null when the viewer may not use it.
 */
export async function contractPrefill(v: Viewer, id: string) {
  if (!v.user.orgId) return null;
  const db = getDb();
  const [c] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!c || c.status === 'closed') return null;
  const parts = await db.select().from(conversationParticipants).where(eq(conversationParticipants.conversationId, id));
  if (!parts.some((p) => p.orgId === v.user.orgId)) return null;
  const agency = parts.find((p) => p.role === 'agency')?.orgId ?? null;
  if (c.resultId) {
    const [r] = await db.select({ id: results.id, title: results.title, holderOrgId: results.holderOrgId, price: results.price }).from(results).where(eq(results.id, c.resultId));
    if (!r) return null;
    return {
      conversationId: id,
      sellerOrgId: r.holderOrgId,
      buyerOrgId: c.initiatorOrgId,
      brokerOrgId: agency,
      result: { id: r.id, title: r.title, holderOrgId: r.holderOrgId, price: r.price?.toFixed(2) ?? null },
      title: `${r.title}技术转让合同`,
    };
  }
  const [d] = await db.select({ title: demands.title }).from(demands).where(eq(demands.id, c.demandId!));
  return { conversationId: id, sellerOrgId: c.initiatorOrgId, buyerOrgId: c.ownerOrgId, brokerOrgId: agency, result: null, title: `${d?.title ?? ''}技术开发合同`.slice(0, 120) };
}

/** A contract drafted from the conversation is linked to it (by a participant that is party to the contract). */
export async function linkContract(v: Viewer, id: string, contractId: string, meta: Meta): Promise<boolean> {
  if (!v.user.orgId) return false;
  return getDb().transaction(async (tx) => {
    const [c] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
    if (!c || c.status === 'closed') return false;
    const [p] = await tx
      .select()
      .from(conversationParticipants)
      .where(and(eq(conversationParticipants.conversationId, id), eq(conversationParticipants.orgId, v.user.orgId!)));
    const [k] = await tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.id, contractId));
    if (!p || !k) return false;
    const [after] = await tx.update(conversations).set({ contractId, status: 'contract_drafted', updatedAt: new Date() }).where(eq(conversations.id, id)).returning();
    await audit(tx, {
      actorUserId: v.user.id,
      actorOrgId: v.user.orgId,
      action: 'conversation.contract',
      subjectType: 'conversation',
      subjectId: id,
      ip: meta.ip,
      before: snapshot(c),
      after: snapshot(after!),
    });
    return true;
  });
}

/** Verified agencies one may invite. */
export async function invitableAgencies() {
  return getDb()
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, 'agency'), eq(organizations.status, 'verified')))
    .orderBy(asc(organizations.name))
    .limit(500);
}

/** The open conversation (not closed) the viewer's organisation already has on a listing, if any. */
export async function openConversationOn(v: Viewer, listing: { resultId?: string; demandId?: string }): Promise<string | null> {
  if (!v.user.orgId) return null;
  const [c] = await getDb()
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        listing.resultId ? eq(conversations.resultId, listing.resultId) : eq(conversations.demandId, listing.demandId!),
        eq(conversations.initiatorOrgId, v.user.orgId),
        ne(conversations.status, 'closed')
      )
    )
    .limit(1);
  return c?.id ?? null;
}

/** The listing a new conversation would be about, for the page that starts one (published only). */
export async function inquirySubject(listing: { resultId?: string; demandId?: string }) {
  const db = getDb();
  if (listing.resultId) {
    const [r] = await db
      .select({ id: results.id, title: results.title, holder: organizations.name, holderOrgId: results.holderOrgId })
      .from(results)
      .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
      .where(and(eq(results.id, listing.resultId), eq(results.status, 'published')));
    return r ? { kind: 'result' as const, id: r.id, title: r.title, ownerName: r.holder, ownerOrgId: r.holderOrgId } : null;
  }
  const [d] = await db
    .select({ id: demands.id, title: demands.title, owner: organizations.name, ownerOrgId: demands.ownerOrgId })
    .from(demands)
    .innerJoin(organizations, eq(organizations.id, demands.ownerOrgId))
    .where(and(eq(demands.id, listing.demandId!), eq(demands.status, 'published')));
  return d ? { kind: 'demand' as const, id: d.id, title: d.title, ownerName: d.owner, ownerOrgId: d.ownerOrgId } : null;
}
