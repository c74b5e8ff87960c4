import type { Messages } from './en-us.js';

/** 简体中文文案。键与 en-us.ts 完全一致（由类型检查保证）。 */
export const zhCN: Messages = {
  errors: {
    validation_failed: '请求无效：{{detail}}',
    not_found: '您请求的{{resource}}不存在。',
    route_not_found: '不存在接口 {{method}} {{url}}。',
    unauthorized: '需要登录：请在 Authorization 请求头中提供有效的令牌。',
    forbidden: '您没有执行此操作的权限。',
    invalid_locale: '未知的语言“{{locale}}”。请使用 zh-cn 或 en-us。',
    conflict: '{{detail}}',
    payload_too_large: '请求内容过大。',
    rate_limited: '请求过于频繁，请在 {{seconds}} 秒后重试。',
    csrf_failed: '此表单已过期或来自其他网站。请刷新页面后重试。',
    sign_in_required: '请先登录。',
    invalid_credentials: '邮箱地址或密码不正确。',
    token_invalid: '此链接无效、已被使用或已过期，请重新获取。',
    totp_invalid: '验证码不正确或已被使用，请等待新的验证码后重试。',
    unsupported_media_type: '不支持的内容类型。',
    internal: '服务器内部出错，错误已记录；参考编号 {{reference}}。',
    not_ready: '服务正在启动或数据库连接已断开。',
    content_invalid: '内容文件 {{file}} 无效：{{detail}}',
  },
  resources: {
    article: '文章',
    category: '分类',
    section: '栏目',
    user: '用户',
    translation: '译文',
    ticket: '请求',
    request_type: '请求类型',
    attachment: '附件',
  },
  validation: {
    required: '{{field}}为必填项',
    too_short: '{{field}}至少需要 {{min}} 个字符',
    too_long: '{{field}}最多 {{max}} 个字符',
    invalid: '{{field}}无效',
  },
};
