import { registerMessages } from '../../i18n.js';

/**
 * Email texts (keys `mail.*`). Every template has a subject, a heading, paragraphs and optionally a
 * button label; `{{brand}}` is the exchange's name. Links are one-time and never repeated elsewhere.
 */
const enUS = {
  common: {
    greeting: 'Hello,',
    antiPhishing: 'Your anti-phishing phrase: {{phrase}}',
    antiPhishingHint: 'Every genuine email from {{brand}} shows this phrase. If it is missing or wrong, the email is fake.',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    neverAsk: '{{brand}} support will never ask for your password, two-factor codes, private keys or recovery phrase.',
    automated: 'This is an automated message from the {{brand}} Help Center. Replies to this address are not read.',
    signature: '— The {{brand}} support team',
    resetPassword: 'Reset my password',
  },
  verify_email: {
    subject: 'Confirm your email address for {{brand}} Help Center',
    heading: 'Confirm your email address',
    intro: 'Please confirm that this is your email address so we can reach you about your support requests.',
    action: 'Confirm email address',
    expiry: 'The link can be used once and expires in 24 hours.',
    ignore: 'If you did not create a {{brand}} Help Center account, you can ignore this email.',
  },
  reset_password: {
    subject: 'Reset your {{brand}} Help Center password',
    heading: 'Reset your password',
    intro: 'We received a request to reset the password of your {{brand}} Help Center account.',
    action: 'Choose a new password',
    expiry: 'The link can be used once and expires in 1 hour. Resetting signs you out everywhere.',
    ignore: 'If you did not ask for this, ignore this email: your password stays unchanged.',
  },
  password_changed: {
    subject: 'Your {{brand}} Help Center password was changed',
    heading: 'Your password was changed',
    intro: 'The password of your {{brand}} Help Center account was changed on {{time}} (UTC).',
    warning: 'If you did not do this, reset your password immediately and contact {{brand}} support.',
  },
  totp_enabled: {
    subject: 'Two-factor authentication is on for your {{brand}} Help Center account',
    heading: 'Two-factor authentication turned on',
    intro: 'Two-factor authentication was turned on for your {{brand}} Help Center account on {{time}} (UTC). Signing in now needs a code from your authenticator app.',
    warning: 'If you did not do this, reset your password immediately and contact {{brand}} support.',
  },
  totp_disabled: {
    subject: 'Two-factor authentication is off for your {{brand}} Help Center account',
    heading: 'Two-factor authentication turned off',
    intro: 'Two-factor authentication was turned off for your {{brand}} Help Center account on {{time}} (UTC).',
    warning: 'If you did not do this, reset your password immediately, turn two-factor authentication back on and contact {{brand}} support.',
  },
  request_received: {
    subject: '[{{brand}}] Request #{{number}} received: {{subject}}',
    heading: 'We received your request #{{number}}',
    intro: 'Thank you for contacting {{brand}} support. Your request #{{number}} "{{subject}}" has been sent to the specialists for this kind of problem.',
    next: 'You can follow it, reply and download the complete conversation record at any time.',
    action: 'View my request',
    guestLink: 'Anyone with this link can read the request: do not forward this email.',
  },
  agent_reply: {
    subject: '[{{brand}}] New reply on request #{{number}}: {{subject}}',
    heading: 'Support replied to your request #{{number}}',
    intro: 'There is a new reply on your request #{{number}} "{{subject}}":',
    action: 'View and reply',
    reply: 'Reply from your request page; replies to this email are not read.',
    guestLink: 'To reply, open the private link from the confirmation email of this request.',
  },
  staff_invite: {
    subject: '{{inviter}} invited you to the {{brand}} support team',
    heading: 'You are invited to the {{brand}} support team',
    intro: '{{inviter}} has added you to the {{brand}} support team as {{role}}.',
    roles: { agent: 'an agent', admin: 'an administrator' },
    /** The inviter when the invitation did not come from a named person (the ADMIN_TOKEN). */
    someone: 'An administrator of {{brand}}',
    steps: 'To start, choose your password with the button below. Then sign in to the agent console at {{console}} and set up two-step verification: scan the QR code it shows with an authenticator app (TOTP). Every sign-in needs a code from that app.',
    action: 'Set my password',
    expiry: 'The link can be used once and expires in {{hours}} hours, on {{time}} (UTC). If it has expired, ask an administrator to send a new invitation.',
    staffNeverAsk: 'Nobody at {{brand}} — administrators and support staff included — will ever ask you for your password or your two-factor codes. Never share them, not even with colleagues.',
    ignore: 'If you did not expect this invitation, do not use the link and tell your security team.',
  },
};

const zhCN: typeof enUS = {
  common: {
    greeting: '您好：',
    antiPhishing: '您的防钓鱼码：{{phrase}}',
    antiPhishingHint: '{{brand}} 发出的每一封真实邮件都会显示此防钓鱼码。如果缺失或不符，说明该邮件是伪造的。',
    linkFallback: '如果按钮无法打开，请将以下地址复制到浏览器中：',
    neverAsk: '{{brand}} 客服绝不会向您索要密码、双重验证码、私钥或助记词。',
    automated: '这是 {{brand}} 帮助中心自动发送的邮件，请勿直接回复。',
    signature: '—— {{brand}} 客服团队',
    resetPassword: '重置密码',
  },
  verify_email: {
    subject: '请确认您在 {{brand}} 帮助中心的邮箱地址',
    heading: '确认您的邮箱地址',
    intro: '请确认这是您的邮箱地址，以便我们就您的工单与您联系。',
    action: '确认邮箱地址',
    expiry: '该链接仅可使用一次，24 小时内有效。',
    ignore: '如果您没有注册 {{brand}} 帮助中心账户，请忽略此邮件。',
  },
  reset_password: {
    subject: '重置您的 {{brand}} 帮助中心密码',
    heading: '重置密码',
    intro: '我们收到了重置您 {{brand}} 帮助中心账户密码的请求。',
    action: '设置新密码',
    expiry: '该链接仅可使用一次，1 小时内有效。重置后所有设备上的登录都会失效。',
    ignore: '如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
  },
  password_changed: {
    subject: '您的 {{brand}} 帮助中心密码已修改',
    heading: '您的密码已修改',
    intro: '您的 {{brand}} 帮助中心账户密码已于 {{time}}（UTC）修改。',
    warning: '如果这不是您本人的操作，请立即重置密码并联系 {{brand}} 客服。',
  },
  totp_enabled: {
    subject: '您的 {{brand}} 帮助中心账户已开启双重验证',
    heading: '双重验证已开启',
    intro: '您的 {{brand}} 帮助中心账户已于 {{time}}（UTC）开启双重验证。今后登录需要输入身份验证器应用中的验证码。',
    warning: '如果这不是您本人的操作，请立即重置密码并联系 {{brand}} 客服。',
  },
  totp_disabled: {
    subject: '您的 {{brand}} 帮助中心账户已关闭双重验证',
    heading: '双重验证已关闭',
    intro: '您的 {{brand}} 帮助中心账户已于 {{time}}（UTC）关闭双重验证。',
    warning: '如果这不是您本人的操作，请立即重置密码、重新开启双重验证并联系 {{brand}} 客服。',
  },
  request_received: {
    subject: '[{{brand}}] 已收到您的请求 #{{number}}：{{subject}}',
    heading: '我们已收到您的请求 #{{number}}',
    intro: '感谢您联系 {{brand}} 客服。您的请求 #{{number}}“{{subject}}”已转交负责此类问题的专员。',
    next: '您可以随时查看进度、回复，并下载完整的对话记录。',
    action: '查看我的请求',
    guestLink: '任何持有此链接的人都能查看该请求，请勿转发此邮件。',
  },
  agent_reply: {
    subject: '[{{brand}}] 您的请求 #{{number}} 有新回复：{{subject}}',
    heading: '客服回复了您的请求 #{{number}}',
    intro: '您的请求 #{{number}}“{{subject}}”有一条新回复：',
    action: '查看并回复',
    reply: '请在请求页面中回复；直接回复此邮件将不会被阅读。',
    guestLink: '如需回复，请打开该请求确认邮件中的专属链接。',
  },
  staff_invite: {
    subject: '{{inviter}} 邀请您加入 {{brand}} 客服团队',
    heading: '邀请您加入 {{brand}} 客服团队',
    intro: '{{inviter}} 已将您添加为 {{brand}} 客服团队的{{role}}。',
    roles: { agent: '客服专员', admin: '管理员' },
    someone: '{{brand}} 的管理员',
    steps: '请先点击下方按钮设置密码，然后登录客服工作台 {{console}}，并设置两步验证：用身份验证器应用（TOTP）扫描页面上显示的二维码。此后每次登录都需要输入该应用中的验证码。',
    action: '设置密码',
    expiry: '该链接仅可使用一次，{{hours}} 小时内有效，将于 {{time}}（UTC）失效。如果链接已过期，请联系管理员重新发送邀请。',
    staffNeverAsk: '{{brand}} 的任何人（包括管理员和客服人员）都绝不会向您索要密码或双重验证码。请勿透露给任何人，包括同事。',
    ignore: '如果您没有预期收到此邀请，请不要使用该链接，并告知您的安全团队。',
  },
};

registerMessages('mail', { 'en-us': enUS, 'zh-cn': zhCN });
