import { registerMessages } from '../../i18n.js';

const en = {
  errors: {
    email_taken: 'A user with this email address already exists.',
    customer_email: 'This email address belongs to a customer account; use another address for staff.',
    self_lockout: 'You cannot demote or deactivate your own account.',
    unknown_group: 'There is no group {{id}}.',
    group_key_taken: 'A group with the key "{{key}}" already exists.',
    group_in_use: 'Request types are routed to this group ({{types}}); route them to another group first.',
    not_staff_user: 'User {{id}} is not an active agent or admin.',
    already_member: 'This user is already a member of the group.',
    user_id_required: 'Say which staff member the token acts for (api_token.user_id).',
    totp_stage_required: 'Sign in with your email address and password first.',
    json_required: 'Send this request as JSON (Content-Type: application/json).',
    invalid_email: 'The email address is not valid.',
  },
};

const zh: typeof en = {
  errors: {
    email_taken: '该邮箱地址已被使用。',
    customer_email: '该邮箱地址属于客户账户，请为员工使用其他地址。',
    self_lockout: '不能降级或停用自己的账户。',
    unknown_group: '不存在组 {{id}}。',
    group_key_taken: '标识为“{{key}}”的组已存在。',
    group_in_use: '仍有请求类型分派到该组（{{types}}），请先将其改派到其他组。',
    not_staff_user: '用户 {{id}} 不是在职的客服或管理员。',
    already_member: '该用户已是该组成员。',
    user_id_required: '请指定令牌所代表的员工（api_token.user_id）。',
    totp_stage_required: '请先使用邮箱和密码登录。',
    json_required: '请以 JSON 格式发送此请求（Content-Type: application/json）。',
    invalid_email: '邮箱地址无效。',
  },
};

registerMessages('staff', { 'en-us': en, 'zh-cn': zh });

// Names of the resources this side adds, for the shared not_found message.
registerMessages('resources', {
  'en-us': { group: 'group', group_membership: 'group membership', macro: 'macro', api_token: 'API token', staff_user: 'staff member' },
  'zh-cn': { group: '组', group_membership: '组成员关系', macro: '宏', api_token: 'API 令牌', staff_user: '员工' },
});
