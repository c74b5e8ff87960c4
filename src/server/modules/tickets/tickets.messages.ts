import { registerMessages } from '../../i18n.js';

const en = {
  errors: {
    closed: 'Ticket #{{id}} is closed; closed tickets cannot be changed.',
    back_to_new: 'A ticket cannot go back to "new".',
    close_requires_solved: 'Solve the ticket before closing it.',
    merge_self: 'A ticket cannot be merged into itself.',
    merge_closed: 'Closed tickets cannot be merged.',
    already_merged: 'This ticket has already been merged into another one.',
    unknown_assignee: 'User {{id}} is not an active agent or admin.',
    unknown_group: 'There is no group {{id}}.',
    unknown_request_type: 'There is no request type "{{key}}".',
    outbound_refused: 'This reply was not sent: support must never ask customers for this.',
    invalid_date: '{{field}} must be a date (YYYY-MM-DD) or an ISO-8601 date-time.',
    upload_unusable: 'An attached file is no longer available (it was already sent, removed, expired, or uploaded by someone else). Remove it and attach it again.',
  },
  merge: {
    source_note: 'This ticket was merged into #{{target}}.',
    target_heading: 'Ticket #{{source}} ("{{subject}}") was merged into this ticket. Its conversation:',
    entry: '— {{author}} ({{role}}, {{time}} UTC){{visibility}}:',
    internal: ' [internal note]',
    attachments: 'Attachments: {{names}}',
    truncated: '[… shortened]',
  },
  roles: { requester: 'requester', agent: 'agent', system: 'system' },
};

const zh: typeof en = {
  errors: {
    closed: '工单 #{{id}} 已关闭，不能再修改。',
    back_to_new: '工单不能改回“新建”状态。',
    close_requires_solved: '请先将工单标记为已解决，再关闭。',
    merge_self: '工单不能合并到自身。',
    merge_closed: '已关闭的工单不能合并。',
    already_merged: '该工单已合并到其他工单。',
    unknown_assignee: '用户 {{id}} 不是在职的客服或管理员。',
    unknown_group: '不存在组 {{id}}。',
    unknown_request_type: '不存在请求类型“{{key}}”。',
    outbound_refused: '该回复未发送：客服绝不能向客户索要这些信息。',
    invalid_date: '{{field}} 必须是日期（YYYY-MM-DD）或 ISO-8601 时间。',
    upload_unusable: '有附件已不可用（已发送、已移除、已过期或由他人上传）。请移除后重新添加。',
  },
  merge: {
    source_note: '该工单已合并到 #{{target}}。',
    target_heading: '工单 #{{source}}（“{{subject}}”）已合并到本工单。原对话如下：',
    entry: '— {{author}}（{{role}}，{{time}} UTC）{{visibility}}：',
    internal: '［内部备注］',
    attachments: '附件：{{names}}',
    truncated: '［……已截断］',
  },
  roles: { requester: '请求人', agent: '客服', system: '系统' },
};

registerMessages('tickets', { 'en-us': en, 'zh-cn': zh });
