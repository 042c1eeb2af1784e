/**
 * Every kind of notification a party is told of, and of the e-mail that goes with it, written once:
 * its group on the settings page, its words, and its e-mail channel.
 *
 * `email`: 'on' — in-app and e-mail unless the user chose in-app only (every notification was
 * mailed before preferences existed, so every switchable kind starts 'on'); 'off' — in-app only
 * unless the user asks for e-mail too; 'always' — always mailed, never a preference (invitations,
 * password resets, security notices), shown on the settings page but not switchable.
 */
export const NOTIFICATION_GROUPS = {
  contract: { zh: '合同', en: 'Contracts' },
  grant: { zh: '补助', en: 'Grants' },
  org: { zh: '机构', en: 'Organisation' },
  demand: { zh: '需求与消息', en: 'Demands and messages' },
  account: { zh: '账户与安全', en: 'Account and security' },
} as const;
export type NotificationGroup = keyof typeof NOTIFICATION_GROUPS;

export type EmailChannel = 'on' | 'off' | 'always';

type KindEntry = { readonly kind: string; readonly group: NotificationGroup; readonly zh: string; readonly en: string; readonly email: EmailChannel };

export const NOTIFICATION_KINDS = [
  { kind: 'contract.broker_named', group: 'contract', zh: '本单位被列为合同的服务机构', en: 'Named as the broker of a contract', email: 'on' },
  { kind: 'contract.create', group: 'contract', zh: '合同已起草', en: 'A contract drafted', email: 'on' },
  { kind: 'contract.update', group: 'contract', zh: '合同已修改', en: 'A contract edited', email: 'on' },
  { kind: 'contract.confirm.seller', group: 'contract', zh: '卖方已确认合同', en: 'The seller confirmed a contract', email: 'on' },
  { kind: 'contract.confirm.buyer', group: 'contract', zh: '买方已确认合同', en: 'The buyer confirmed a contract', email: 'on' },
  { kind: 'contract.submit', group: 'contract', zh: '合同已提交认定登记', en: 'A contract submitted for registration', email: 'on' },
  { kind: 'contract.register', group: 'contract', zh: '合同已认定登记', en: 'A contract registered', email: 'on' },
  { kind: 'contract.return', group: 'contract', zh: '合同被退回修改', en: 'A contract returned for changes', email: 'on' },
  { kind: 'contract.revoke', group: 'contract', zh: '合同登记被撤销', en: 'A registration revoked', email: 'on' },
  { kind: 'contract.terminate', group: 'contract', zh: '合同已终止', en: 'A contract terminated', email: 'on' },
  { kind: 'grant.computed', group: 'grant', zh: '补助已计算', en: 'A grant computed', email: 'on' },
  { kind: 'grant.approve', group: 'grant', zh: '补助已核准', en: 'A grant approved', email: 'on' },
  { kind: 'grant.reject', group: 'grant', zh: '补助被驳回', en: 'A grant rejected', email: 'on' },
  { kind: 'grant.pay', group: 'grant', zh: '补助已支付', en: 'A grant paid', email: 'on' },
  { kind: 'org.verified', group: 'org', zh: '本单位通过认证', en: 'The organisation verified', email: 'on' },
  { kind: 'org.rejected', group: 'org', zh: '本单位认证未通过', en: 'The organisation’s verification refused', email: 'on' },
  { kind: 'conversation.opened', group: 'demand', zh: '收到新的洽谈', en: 'A new conversation on a listing', email: 'on' },
  { kind: 'conversation.message', group: 'demand', zh: '洽谈中的新消息', en: 'A new message in a conversation', email: 'on' },
  { kind: 'conversation.invited', group: 'demand', zh: '受邀参与洽谈', en: 'Invited to a conversation', email: 'on' },
  { kind: 'conversation.closed', group: 'demand', zh: '洽谈已结束', en: 'A conversation closed', email: 'on' },
  { kind: 'alert.matches', group: 'demand', zh: '订阅的新成果或新匹配', en: 'New hits of a saved search or match watch', email: 'on' },
  { kind: 'account.invitation', group: 'account', zh: '成员邀请（含一次性链接）', en: 'Invitations (with their one-time link)', email: 'always' },
  { kind: 'account.password_reset', group: 'account', zh: '重置密码', en: 'Password resets', email: 'always' },
  { kind: 'account.security', group: 'account', zh: '账户安全提醒', en: 'Security notices about the account', email: 'always' },
] as const satisfies readonly KindEntry[];

type Entry = (typeof NOTIFICATION_KINDS)[number];
export type NotificationKind = Entry['kind'];
/** The kinds a user may switch between in-app only and e-mail too. */
export type SwitchableKind = Extract<Entry, { email: 'on' | 'off' }>['kind'];

const byKind = new Map<string, KindEntry>(NOTIFICATION_KINDS.map((k) => [k.kind, k]));

export const SWITCHABLE_KINDS = NOTIFICATION_KINDS.filter((k) => k.email !== 'always').map((k) => k.kind) as SwitchableKind[];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return byKind.has(kind);
}

export function isSwitchable(kind: string): kind is SwitchableKind {
  const k = byKind.get(kind);
  return !!k && k.email !== 'always';
}

/**
 * Whether a notification of this kind is e-mailed to a user, given the user's choice for it
 * (undefined or null: none made). A kind not in the list (a row written before the list knew it)
 * is mailed, as every notification was before preferences.
 */
export function sendsEmail(kind: string, choice: boolean | null | undefined): boolean {
  const k = byKind.get(kind);
  if (!k) return true;
  if (k.email === 'always') return true;
  return choice ?? k.email === 'on';
}

/** The e-mail a kind gets when the user made no choice. */
export const emailByDefault = (kind: string) => sendsEmail(kind, null);

export type PreferenceRow = { kind: SwitchableKind; group: NotificationGroup; label: { zh: string; en: string }; email: boolean; defaultEmail: boolean };

/** Each switchable kind, in list order, with the user's choice where made and the default elsewhere. */
export function preferencesFrom(choices: ReadonlyMap<string, boolean>): PreferenceRow[] {
  return NOTIFICATION_KINDS.filter((k): k is Extract<Entry, { email: 'on' | 'off' }> => k.email !== 'always').map((k) => ({
    kind: k.kind,
    group: k.group,
    label: { zh: k.zh, en: k.en },
    email: sendsEmail(k.kind, choices.get(k.kind)),
    defaultEmail: k.email === 'on',
  }));
}

/** The kinds always mailed, for the settings page to show as not switchable. */
export const ALWAYS_EMAILED = NOTIFICATION_KINDS.filter((k) => k.email === 'always').map((k) => ({ kind: k.kind, group: k.group, label: { zh: k.zh, en: k.en } }));
