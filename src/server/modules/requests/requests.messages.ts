import { registerMessages } from '../../i18n.js';

const en = {
  field: {
    required: '{{label}} is required.',
    too_long: '{{label}} must be at most {{max}} characters.',
    invalid_option: 'Choose one of the listed options for {{label}}.',
    invalid_account_id: 'An account ID has 4–64 letters, digits, spaces or dashes.',
    invalid_order_id: 'An order ID has 6–64 letters, digits and dashes (for example OQCLML-BW3P3-BUCMWZ).',
    unknown_asset: '{{value}} is not an asset supported here. Supported: {{supported}}.',
    unknown_network: 'Choose a supported network.',
    network_first: 'Choose the network first, then enter the address.',
    invalid_amount: 'Enter a positive amount using digits and an optional decimal point (for example 0.25).',
    invalid_datetime: 'Enter a date and time such as 2026-11-20 14:30.',
    future_datetime: 'The date and time cannot be in the future.',
    too_old_datetime: 'The date is more than five years ago; check the year.',
    invalid_http_status: 'An HTTP status is a number from 100 to 599.',
    invalid_email: 'Enter a valid email address.',
    subject_too_short: 'Give the request a subject of at least {{min}} characters.',
    description_too_short: 'Describe the problem in at least {{min}} characters so a specialist can help.',
    secret_removed: 'We removed something that looked like a {{kinds}} from {{label}}. Support never needs it.',
    uploads_unusable: 'One or more attachments have expired or are not yours; upload them again.',
  },
  request: {
    unknown_type: 'Unknown request type "{{type}}".',
  },
  kinds: {
    recovery_phrase: 'recovery phrase',
    extended_private_key: 'private key',
    wif_private_key: 'private key',
    raw_private_key: 'private key',
    keystore_json: 'keystore file',
    api_secret: 'API secret',
    api_key: 'API key',
    password: 'password',
    otp_code: '2FA code',
    card_number: 'card number',
  },
};

const zh: typeof en = {
  field: {
    required: '请填写{{label}}。',
    too_long: '{{label}}最多 {{max}} 个字符。',
    invalid_option: '请为{{label}}选择列表中的一项。',
    invalid_account_id: '账户 ID 由 4–64 位字母、数字、空格或短横线组成。',
    invalid_order_id: '订单 ID 由 6–64 位字母、数字和短横线组成（例如 OQCLML-BW3P3-BUCMWZ）。',
    unknown_asset: '{{value}} 不是本平台支持的币种。支持的币种：{{supported}}。',
    unknown_network: '请选择支持的网络。',
    network_first: '请先选择网络，再填写地址。',
    invalid_amount: '请输入大于零的数量，只能包含数字和小数点（例如 0.25）。',
    invalid_datetime: '请输入日期和时间，例如 2026-11-20 14:30。',
    future_datetime: '日期和时间不能晚于现在。',
    too_old_datetime: '该日期早于五年前，请检查年份。',
    invalid_http_status: 'HTTP 状态码是 100 到 599 之间的数字。',
    invalid_email: '请输入有效的邮箱地址。',
    subject_too_short: '标题至少需要 {{min}} 个字符。',
    description_too_short: '请至少用 {{min}} 个字符描述问题，以便专员处理。',
    secret_removed: '我们从{{label}}中移除了疑似{{kinds}}的内容。客服永远不需要这些信息。',
    uploads_unusable: '有附件已失效或不属于您，请重新上传。',
  },
  request: {
    unknown_type: '未知的请求类型“{{type}}”。',
  },
  kinds: {
    recovery_phrase: '助记词',
    extended_private_key: '私钥',
    wif_private_key: '私钥',
    raw_private_key: '私钥',
    keystore_json: '密钥库文件',
    api_secret: 'API 私钥',
    api_key: 'API 密钥',
    password: '密码',
    otp_code: '验证码',
    card_number: '银行卡号',
  },
};

registerMessages('requests', { 'en-us': en, 'zh-cn': zh });
