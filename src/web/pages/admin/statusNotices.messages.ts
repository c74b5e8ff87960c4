import type { Locale } from '../../../shared/locales.js';
import { interpolate, lookup, type Params, type Paths } from '../../i18n/translate.js';
import { useI18n } from '../../i18n/context.js';
import type { CatalogueShape } from '../../../shared/i18n/catalogue.js';

/** Strings of the status notices admin page, in both console languages (same keys and placeholders). */
const en = {
  title: 'Status notices',
  intro: 'Incidents and maintenance windows shown on every Help Center page, on the status page and feed, and on request forms they concern.',
  new: 'New notice',
  select: 'Choose a notice or create one.',
  empty: 'No notices yet.',
  kind: 'Type',
  kinds: { incident: 'Incident', maintenance: 'Maintenance' },
  impact: 'Impact (system status while active)',
  impacts: {
    online: 'No trading impact (online)',
    degraded: 'Degraded performance (online)',
    post_only: 'Post-only',
    cancel_only: 'Cancel-only',
    maintenance: 'Trading suspended (maintenance)',
  },
  states: { scheduled: 'Scheduled', active: 'Active', resolved: 'Resolved' },
  headline: 'Title',
  body: 'Message (Markdown)',
  scope: 'Who is affected',
  scopeHint: 'Leave a list empty to affect everything. Request forms show the notice when the chosen topic, asset and network match.',
  requestTypes: 'Request topics',
  assets: 'Assets',
  assetsHint: 'Comma-separated symbols, e.g. USDT, BTC',
  networks: 'Networks',
  networksHint: 'Comma-separated network ids, e.g. tron, ethereum',
  startsAt: 'Starts',
  startsHint: 'Leave empty to start now.',
  endsAt: 'Ends',
  endsHint: 'Required for maintenance; incidents stay active until resolved.',
  timesLocal: 'Times are in your browser’s time zone ({{zone}}).',
  create: 'Publish',
  save: 'Save changes',
  saving: 'Saving…',
  created: 'Notice published',
  saved: 'Notice saved',
  deflections: '{{count}} customers said this notice answered their question',
  timeline: 'Updates',
  noUpdates: 'No updates yet.',
  postUpdate: 'Post update',
  updateText: 'Update text',
  posted: 'Update posted',
  resolve: 'Resolve now',
  resolveText: 'Closing update (optional, both languages)',
  resolved: 'Notice resolved',
  resolvedAt: 'Resolved {{time}}',
  delete: 'Delete',
  confirmDelete: 'Delete the notice “{{title}}”? It disappears from the Help Center and the feed.',
  confirmResolve: 'Resolve “{{title}}” now?',
  deleted: 'Notice deleted',
  viewPublic: 'Open the public status page',
  updateKind: { update: 'Update', resolved: 'Resolved' },
};

type Catalogue = typeof en;

const zh: CatalogueShape<Catalogue> = {
  title: '状态公告',
  intro: '故障和维护时段会显示在帮助中心每个页面、系统状态页和订阅源中，并出现在相关的请求表单上。',
  new: '新建公告',
  select: '请选择一条公告，或新建一条。',
  empty: '暂无公告。',
  kind: '类型',
  kinds: { incident: '故障', maintenance: '维护' },
  impact: '影响（进行中时的系统状态）',
  impacts: {
    online: '不影响交易（online）',
    degraded: '服务性能下降（online）',
    post_only: '仅挂单（post_only）',
    cancel_only: '仅撤单（cancel_only）',
    maintenance: '暂停交易（maintenance）',
  },
  states: { scheduled: '已计划', active: '进行中', resolved: '已解决' },
  headline: '标题',
  body: '内容（Markdown）',
  scope: '影响范围',
  scopeHint: '列表留空表示影响全部。当客户选择的请求类别、币种和网络与之匹配时，请求表单会显示该公告。',
  requestTypes: '请求类别',
  assets: '币种',
  assetsHint: '用逗号分隔，例如 USDT, BTC',
  networks: '网络',
  networksHint: '用逗号分隔的网络标识，例如 tron, ethereum',
  startsAt: '开始时间',
  startsHint: '留空表示立即开始。',
  endsAt: '结束时间',
  endsHint: '维护必须填写；故障在解决之前一直保持进行中。',
  timesLocal: '时间按您浏览器所在时区（{{zone}}）显示。',
  create: '发布',
  save: '保存修改',
  saving: '正在保存…',
  created: '公告已发布',
  saved: '公告已保存',
  deflections: '已有 {{count}} 位客户表示这条公告解答了他们的问题',
  timeline: '进展',
  noUpdates: '暂无进展。',
  postUpdate: '发布进展',
  updateText: '进展内容',
  posted: '进展已发布',
  resolve: '立即标记为已解决',
  resolveText: '结束说明（可选，需中英文）',
  resolved: '公告已标记为已解决',
  resolvedAt: '解决于 {{time}}',
  delete: '删除',
  confirmDelete: '确定删除公告“{{title}}”吗？它将从帮助中心和订阅源中消失。',
  confirmResolve: '确定立即将“{{title}}”标记为已解决吗？',
  deleted: '公告已删除',
  viewPublic: '打开公开的系统状态页',
  updateKind: { update: '更新', resolved: '已解决' },
};

export const STATUS_NOTICE_MESSAGES: Record<Locale, CatalogueShape<Catalogue>> = { 'en-us': en, 'zh-cn': zh };

export type StatusNoticeKey = Paths<Catalogue>;

export function statusNoticeText(locale: Locale, key: StatusNoticeKey, params?: Params): string {
  return interpolate(lookup(STATUS_NOTICE_MESSAGES[locale], key) ?? lookup(en, key) ?? key, params);
}

/** This page's translator, following the console's language switch. */
export function useStatusNoticeText(): (key: StatusNoticeKey, params?: Params) => string {
  const { locale } = useI18n();
  return (key, params) => statusNoticeText(locale, key, params);
}
