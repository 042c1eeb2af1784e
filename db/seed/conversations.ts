import Decimal from 'decimal.js';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { cityDate } from '#config/city.ts';
import type { Tx } from '#db/client.ts';
import { contractInstalments, contracts, conversationParticipants, conversations, demands, messages, notifications, organizations, results, users } from '#db/schema.ts';
import { CLOSE_REASONS, type CloseReason, type ConversationStatus } from '#domain/demands/codes.ts';
import { mulberry32 } from './results-generator.ts';

/** How many conversations on results; conversations on demands come on top, when there are demands. */
const ON_RESULTS = 64;
const ON_DEMANDS_MAX = 16;
const DAY = 86_400_000;

const DEMO = { enterprise: '临清博承精密轴承有限公司', university: '聊城大学', institute: '聊城市新材料研究院', agency: '聊城市技术转移服务中心' } as const;

type Org = { id: string; name: string; kind: string };
type Line = { from: 'initiator' | 'owner' | 'agency'; text: string };

const OPENINGS_ON_RESULT = [
  '您好，我公司是{me}。看到贵单位发布的“{title}”，想了解该技术目前的成熟度、是否已有中试数据，以及转让或许可的大致费用。',
  '您好！我们对“{title}”很感兴趣，计划用于现有产线的技术改造，请问能否安排课题组老师来厂交流？',
  '您好，{me}技术部。贵方“{title}”与我们正在攻关的方向高度契合，想确认一下专利是否仍在有效期内、是否接受普通许可。',
  '王老师您好，我们在技术交易会上了解到“{title}”，希望进一步沟通合作方式，我方可以提供中试场地。',
];
const OPENINGS_ON_DEMAND = [
  '您好，我单位团队长期从事相关研究，针对贵公司“{title}”的需求已有较成熟的技术方案，希望合作开发。',
  '您好！关于“{title}”，我们课题组近三年承担过两项同类省级项目，可以先提供一份技术方案供贵方评估。',
  '您好，{me}研发中心。贵公司发布的“{title}”与我们的在研成果对口，愿意以联合开发的方式推进。',
];
const OWNER_REPLIES = [
  '感谢关注！该成果已完成中试，相关数据可在签署保密协议后提供。我们倾向于独占许可，费用可以面议。',
  '您好，课题组负责人下周三有时间，欢迎来实验室参观，届时可以现场演示样机。',
  '收到，我们先把技术资料包整理好发给您，有问题随时在这里沟通。',
  '欢迎！请提供方案概要和以往合作案例，我们技术部评估后尽快答复。',
  '谢谢关注。该技术目前在两家企业做过试用，效果稳定，转让和许可都可以谈。',
];
const FOLLOW_UPS: Line[] = [
  { from: 'initiator', text: '我们内部评估后，预计年需求量在 20 万件左右，希望先小批量试制验证。' },
  { from: 'owner', text: '小批量试制没有问题，我们可以派两名研究生驻厂配合调试，周期大约两个月。' },
  { from: 'initiator', text: '报价方面我方预算有限，是否可以采用“入门费 + 销售提成”的方式？' },
  { from: 'owner', text: '可以考虑，入门费部分建议不低于合同总额的三成，提成比例可以再商量。' },
  { from: 'initiator', text: '资料已收到，我们的工艺工程师提了几个问题，整理在附件清单里，烦请解答。\n1. 关键参数的工艺窗口有多宽？\n2. 对原材料批次稳定性有什么要求？' },
  { from: 'owner', text: '工艺窗口比较宽，温度波动 ±5 ℃ 内性能基本不受影响；原材料按国标一级品即可。' },
  { from: 'initiator', text: '好的，下周一我们总工带队过去，具体时间再约。' },
  { from: 'owner', text: '没问题，到时候在学校东门接您。' },
];
const AGENCY_LINES = [
  '各位好，我是聊城市技术转移服务中心的技术经纪人，受邀参与本项目洽谈，可以协助双方做技术评估、价格评估和合同起草。',
  '建议双方先签订保密协议，我中心可以提供范本；技术合同签订后也可以代办认定登记。',
  '根据市里的政策，技术合同认定登记后卖方可以申请成交额补助，这部分我们可以协助准备材料。',
];
const CLOSINGS: Record<CloseReason, { text: string; note: string | null }> = {
  too_early: { text: '经评估，该技术距离规模化生产还有一段距离，我们暂不推进，后续有新进展欢迎再联系。', note: '尚处于小试阶段' },
  price: { text: '感谢贵方的耐心沟通，但双方在转让价格上差距较大，本次暂不合作。', note: '报价超出预算约一倍' },
  benefit_unclear: { text: '我们测算下来投资回收期偏长，经济效益不够明确，项目先搁置。', note: null },
  route_unclear: { text: '目前还没有想清楚该技术在我们产线上的落地路径，暂时结束洽谈，谢谢。', note: '需先完成产线规划' },
  other: { text: '公司近期战略调整，相关项目暂缓，非常抱歉。', note: '企业内部调整' },
};
const TO_CONTRACT = [
  { from: 'initiator' as const, text: '双方条件基本谈妥，我们这边同意按许可方式合作，请起草合同。' },
  { from: 'owner' as const, text: '好的，合同草稿已在平台上起草，请贵方法务审阅后确认。' },
];

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** Every state in proportion; `closed` goes round the reasons so each appears. */
function statusFor(i: number): ConversationStatus {
  const r = i % 20;
  if (r < 3) return 'open';
  if (r < 10) return 'negotiating';
  if (r < 13) return 'contract_drafted';
  return 'closed';
}

/**
 * Demo conversations between the demo organisations and others, in every state: open,
 * negotiating, contract_drafted (with a draft contract linked) and closed with each reason,
 * with realistic messages, on published results and (when the demands seed ran first) on
 * published demands. Deterministic; written in the seeding transaction.
 */
export async function seedConversations(tx: Tx, log: (line: string) => void = () => {}): Promise<number> {
  const rnd = mulberry32(8_2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const orgs: Org[] = await tx
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.status, 'verified'))
    .orderBy(asc(organizations.name));
  const byName = (n: string) => orgs.find((o) => o.name === n);
  const enterprises = orgs.filter((o) => o.kind === 'enterprise');
  const agencies = orgs.filter((o) => o.kind === 'agency');
  const demo = { enterprise: byName(DEMO.enterprise), university: byName(DEMO.university), institute: byName(DEMO.institute), agency: byName(DEMO.agency) };
  if (!enterprises.length || !agencies.length) throw new Error('conversations seed needs verified enterprises and agencies');

  const userRows = await tx
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .where(
      inArray(
        users.orgId,
        orgs.map((o) => o.id)
      )
    )
    .orderBy(asc(users.createdAt));
  const userOf = new Map<string, string>();
  for (const u of userRows) if (u.orgId && !userOf.has(u.orgId)) userOf.set(u.orgId, u.id);

  // Results held by universities and institutes; the demo university's and institute's first.
  const held = await tx
    .select({ id: results.id, title: results.title, holderOrgId: results.holderOrgId, price: results.price, transferModes: results.transferModes, kind: organizations.kind })
    .from(results)
    .innerJoin(organizations, eq(organizations.id, results.holderOrgId))
    .where(and(eq(results.status, 'published'), inArray(organizations.kind, ['university', 'institute'])))
    .orderBy(asc(results.publishedAt))
    .limit(600);
  const demoHeld = held.filter((r) => r.holderOrgId === demo.university?.id || r.holderOrgId === demo.institute?.id).slice(0, 24);
  const others = held.filter((r) => !demoHeld.includes(r));
  // The rest spread over the others, not just the oldest.
  const stride = Math.max(1, Math.floor(others.length / Math.max(1, ON_RESULTS - demoHeld.length)));
  const listings = [...demoHeld, ...others.filter((_, i) => i % stride === 0)].slice(0, ON_RESULTS);
  const openDemands = await tx
    .select({ id: demands.id, title: demands.title, ownerOrgId: demands.ownerOrgId, budget: demands.budget })
    .from(demands)
    .where(eq(demands.status, 'published'))
    .orderBy(asc(demands.publishedAt))
    .limit(ON_DEMANDS_MAX);
  const answerers = orgs.filter((o) => o.kind === 'university' || o.kind === 'institute');

  const now = Date.now();
  let n = 0;
  let reasonTurn = 0;
  const plans = [
    ...listings.map((r, i) => ({
      on: 'result' as const,
      id: r.id,
      title: r.title,
      ownerOrgId: r.holderOrgId,
      // The demo enterprise asks about most of the demo university's results, so its pages have data.
      initiator: i < 14 && demo.enterprise ? demo.enterprise : pick(enterprises.filter((e) => e.id !== r.holderOrgId)),
      amount: r.price ?? new Decimal(200_000 + Math.floor(rnd() * 40) * 25_000),
      licence: !r.transferModes.includes('transfer'),
    })),
    ...openDemands.map((d, i) => ({
      on: 'demand' as const,
      id: d.id,
      title: d.title,
      ownerOrgId: d.ownerOrgId,
      initiator: i < 4 && demo.university ? demo.university : i < 6 && demo.institute ? demo.institute : pick(answerers),
      amount: d.budget ?? new Decimal(300_000 + Math.floor(rnd() * 20) * 50_000),
      licence: false,
    })),
  ];

  for (const [i, p] of plans.entries()) {
    if (p.initiator.id === p.ownerOrgId) continue;
    const status = statusFor(i);
    // The demo agency joins most brokered ones; another agency sometimes.
    const agency = i % 5 === 1 || status === 'contract_drafted' ? (i % 3 === 2 ? pick(agencies) : demo.agency ?? pick(agencies)) : null;
    const owner = orgs.find((o) => o.id === p.ownerOrgId);
    const startedAt = now - (3 + Math.floor(rnd() * 110)) * DAY - Math.floor(rnd() * 8) * 3_600_000;
    const lines: Line[] = [{ from: 'initiator', text: fill(pick(p.on === 'result' ? OPENINGS_ON_RESULT : OPENINGS_ON_DEMAND), { me: p.initiator.name, title: p.title }) }];
    if (status !== 'open') lines.push({ from: 'owner', text: pick(OWNER_REPLIES) });
    if (agency) lines.push({ from: 'agency', text: AGENCY_LINES[i % AGENCY_LINES.length]! });
    if (status === 'negotiating' || status === 'contract_drafted' || (status === 'closed' && i % 2 === 0)) {
      const k = 2 + Math.floor(rnd() * 5);
      const start = Math.floor(rnd() * (FOLLOW_UPS.length - k));
      lines.push(...FOLLOW_UPS.slice(start, start + k));
    }
    if (agency && status !== 'open' && i % 2 === 0) lines.push({ from: 'agency', text: AGENCY_LINES[(i + 1) % AGENCY_LINES.length]! });
    if (status === 'contract_drafted') lines.push(...TO_CONTRACT);
    const reason: CloseReason | null = status === 'closed' ? CLOSE_REASONS[reasonTurn++ % CLOSE_REASONS.length]! : null;
    if (reason) lines.push({ from: i % 3 === 0 ? 'owner' : 'initiator', text: CLOSINGS[reason].text });

    const orgOf = (from: Line['from']) => (from === 'initiator' ? p.initiator.id : from === 'owner' ? p.ownerOrgId : agency!.id);
    const at = lines.map((_, j) => new Date(startedAt + j * (2 + Math.floor(rnd() * 30)) * 3_600_000));
    const last = at[at.length - 1]!;

    let contractId: string | null = null;
    if (status === 'contract_drafted') {
      const signedOn = cityDate(new Date(last.getTime() + 2 * DAY));
      const isResult = p.on === 'result';
      const [k] = await tx
        .insert(contracts)
        .values({
          kind: isResult ? 'transfer' : 'development',
          licence: isResult && p.licence,
          title: `${p.title}${isResult ? (p.licence ? '技术许可合同' : '技术转让合同') : '技术开发合同'}`.slice(0, 120),
          sellerOrgId: isResult ? p.ownerOrgId : p.initiator.id,
          buyerOrgId: isResult ? p.initiator.id : p.ownerOrgId,
          brokerOrgId: agency?.id ?? null,
          resultId: isResult ? p.id : null,
          amount: p.amount,
          technologyAmount: p.amount.times(0.9).toDecimalPlaces(2, Decimal.ROUND_DOWN),
          signedOn,
          commissionRate: agency ? new Decimal('0.03') : null,
          createdBy: userOf.get(p.initiator.id) ?? null,
          createdAt: last,
          updatedAt: last,
        })
        .returning({ id: contracts.id });
      await tx.insert(contractInstalments).values({ contractId: k!.id, seq: 1, dueOn: signedOn, amount: p.amount });
      contractId = k!.id;
    }

    const [c] = await tx
      .insert(conversations)
      .values({
        resultId: p.on === 'result' ? p.id : null,
        demandId: p.on === 'demand' ? p.id : null,
        ownerOrgId: p.ownerOrgId,
        initiatorOrgId: p.initiator.id,
        status,
        closeReason: reason,
        closeNote: reason && i % 2 === 1 ? CLOSINGS[reason].note : null,
        contractId,
        lastMessageAt: last,
        createdAt: new Date(startedAt),
        updatedAt: last,
      })
      .returning({ id: conversations.id });
    // The last message is unread by the others in the newer conversations, so the demo shows unread counts.
    const readUpTo = (orgId: string) => (i % 4 === 0 && orgOf(lines[lines.length - 1]!.from) !== orgId ? at[Math.max(0, at.length - 2)]! : last);
    await tx
      .insert(conversationParticipants)
      .values([
        { conversationId: c!.id, orgId: p.initiator.id, role: 'initiator', joinedAt: new Date(startedAt), lastReadAt: readUpTo(p.initiator.id) },
        { conversationId: c!.id, orgId: p.ownerOrgId, role: 'counterpart', joinedAt: new Date(startedAt), lastReadAt: status === 'open' ? null : readUpTo(p.ownerOrgId) },
        ...(agency ? [{ conversationId: c!.id, orgId: agency.id, role: 'agency' as const, joinedAt: at[1] ?? new Date(startedAt), lastReadAt: readUpTo(agency.id) }] : []),
      ]);
    await tx.insert(messages).values(lines.map((l, j) => ({ conversationId: c!.id, senderOrgId: orgOf(l.from), senderUserId: userOf.get(orgOf(l.from)) ?? null, body: l.text, createdAt: at[j]! })));

    // In-app notifications for what is unread (no e-mail for demo data).
    const lastFrom = orgOf(lines[lines.length - 1]!.from);
    const unreadBy = [p.initiator.id, p.ownerOrgId, ...(agency ? [agency.id] : [])].filter((o) => o !== lastFrom && (status === 'open' ? o === p.ownerOrgId : i % 4 === 0));
    const sender = orgs.find((o) => o.id === lastFrom)?.name ?? owner?.name ?? '';
    for (const orgId of unreadBy) {
      await tx.insert(notifications).values({
        orgId,
        kind: status === 'open' ? 'conversation.opened' : 'conversation.message',
        title: status === 'open' ? `新的洽谈：${p.title}` : `${sender} 的新消息：${p.title}`,
        body: lines[lines.length - 1]!.text.slice(0, 140),
        link: `/conversations/${c!.id}`,
        createdAt: last,
      });
    }
    n++;
  }
  log(`${n} conversations (${plans.filter((p) => p.on === 'demand').length} on demands) in every state, with messages and draft contracts`);
  return n;
}
