import { randomUUID } from 'node:crypto';
import { cityDateTime } from '#config/city.ts';
import { sendMail } from './mail.server.ts';

const FOOTER = '\n—\n聊城市科技成果转移转化平台（本邮件由系统自动发送，请勿直接回复）';

type Mail = { subject: string; text: string };

/**
 * What signup sends to the address it was given. Signup answers the same whether or not the
 * address has an account; only its owner learns which, from this e-mail.
 */
export function signupMail(kind: 'new' | 'existing', orgName: string, loginUrl: string, at = new Date()): Mail {
  if (kind === 'new') {
    return {
      subject: '单位注册已收到 · 聊城市科技成果转移转化平台',
      text: [
        '您好：',
        '',
        `“${orgName}”已在聊城市科技成果转移转化平台注册，本邮箱为其管理员账号。请用注册时设置的密码登录：`,
        loginUrl,
        '科技局认证单位后，即可发布成果、发布需求、签订技术合同。',
        '',
        `Your organisation ${orgName} is registered on the Liaocheng Technology Transfer Platform with this address as its administrator. Log in with the password you chose: ${loginUrl}`,
        FOOTER,
      ].join('\n'),
    };
  }
  return {
    subject: '有人尝试用您的邮箱注册 · 聊城市科技成果转移转化平台',
    text: [
      '您好：',
      '',
      `${cityDateTime(at.toISOString())}，有人尝试用本邮箱注册单位“${orgName}”。本邮箱已有平台账户，因此没有创建新账户，您的账户也没有任何变化。`,
      `如果是您本人，请直接登录：${loginUrl}`,
      '如果不是您本人，无需处理。',
      '',
      `Someone tried to register ${orgName} with this address, which already has an account: nothing was created or changed. If it was you, log in: ${loginUrl}`,
      FOOTER,
    ].join('\n'),
  };
}

/** What an invitation to an address that already has an account sends instead of the link. */
export function invitedExistingMail(orgName: string, invitedBy: string): Mail {
  return {
    subject: `“${orgName}”邀请您加入 · 聊城市科技成果转移转化平台`,
    text: [
      '您好：',
      '',
      `${invitedBy} 邀请本邮箱加入“${orgName}”在聊城市科技成果转移转化平台的账户。本邮箱已有平台账户，一个账户只属于一个单位，因此无法接受这份邀请。`,
      '如需加入，请对方改用您的另一个邮箱邀请；如果您不认识对方，无需处理。',
      '',
      `${invitedBy} invited this address to join ${orgName}. It already has an account, and an account belongs to one organisation, so the invitation cannot be accepted with it.`,
      FOOTER,
    ].join('\n'),
  };
}

/**
 * Sends one of these now, through the outbox. A failure to send is logged, not answered: the
 * answer must not differ between the two kinds, and the change it follows has committed.
 */
export async function sendAccountMail(to: string, mail: Mail, tag: string): Promise<void> {
  try {
    await sendMail({ to, subject: mail.subject, text: mail.text, messageId: `<${tag}-${randomUUID()}@techtransfer.lc>` });
  } catch (e) {
    console.error(`[mail] ${tag} to ${to} failed`, e);
  }
}
