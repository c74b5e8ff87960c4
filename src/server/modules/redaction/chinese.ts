/**
 * Heuristics that tell a contiguous Chinese recovery phrase (random characters from the BIP39
 * list) apart from ordinary Chinese prose, which is also made mostly of listed characters.
 *
 * A genuine phrase is 12–24 characters drawn uniformly from 2048, so it practically never contains
 * a common two-character word and rarely more than one grammatical particle. Prose is full of both.
 */

// Common words of everyday and support-desk Chinese (simplified and a few traditional forms).
// Every adjacent character pair of each entry counts as a "prose bigram".
const PROSE_WORDS = `
我的 你的 您的 他的 她的 我们 你们 您们 他们 她们 咱们 大家 自己 什么 怎么 怎样 为什么 为何
这个 那个 这些 那些 这样 那样 这里 那里 哪里 哪个 这边 那边 现在 今天 昨天 明天 刚才 刚刚
已经 还是 还有 还没 没有 不是 就是 可以 可能 不能 不会 不要 需要 应该 知道 觉得 认为 看到
看看 一下 一直 一个 一些 一次 一样 一起 一天 两天 三天 几天 时候 时间 小时 分钟 以后 之后
之前 以前 然后 所以 因为 但是 可是 如果 虽然 而且 或者 只是 不过 而已 非常 特别 真的 确实
其实 到底 究竟 马上 立刻 赶紧 尽快 麻烦 帮忙 帮我 帮助 请问 请帮 谢谢 感谢 你好 您好 客服
问题 处理 解决 回复 联系 反馈 投诉 账户 账号 登录 注册 密码 验证 认证 实名 审核 身份 手机
邮箱 短信 提现 充值 到账 转账 余额 资金 资产 钱包 地址 交易 订单 买入 卖出 合约 现货 杠杆
手续费 费用 金额 数量 价格 市场 币种 比特币 以太坊 网络 区块 确认 成功 失败 错误 异常 提示
显示 页面 系统 服务 功能 设置 修改 绑定 解绑 冻结 解冻 限制 风控 安全 风险 提币 充币 划转
主网 链上 哈希 记录 历史 截图 图片 上传 下载 更新 版本 电脑 网页 浏览器 打开 进入 点击 选择
输入 提交 申请 等待 完成 开始 结束 今年 月份 上午 下午 晚上 早上 周末 工作日 银行卡 支付
法币 人民币 美元 美金 用户 客户 朋友 家人 公司 平台 官方 团队 人员 信息 消息 通知 邮件 电话
号码 短语 恢复 备份 保存 丢失 忘记 找回 重置 更换 新的 旧的 原来 后来 终于 还要 也是 也没
也不 都是 都没 都不 没法 无法 不了 不到 不出 出来 进去 回来 过来 下来 起来 上去 东西 事情
情况 原因 结果 办法 方法 步骤 流程 规则 要求 条件 标准 证件 护照 照片 视频 人脸 识别 国家
地区 中国 香港 台湾 美国 日本 韩国 好的 好吧 是的 对的 对不起 不好意思 抱歉 理解 明白 清楚
看不见 听说 告诉 说明 解释 通过 拒绝 驳回 同意 取消 撤销 暂停 正常 及时 准时 延迟 很久 很慢
很多 太多 多少 几个 一半 全部 所有 部分 其他 另外 别的 有人 有没有 有点 有些 没事 为了 关于
对于 根据 按照 目前 当前 最近 之内 以内 以上 以下 左右 大概 差不多 必须 一定 肯定 能否 是否
能不能 会不会 是不是 可不可以 要不要 好像 似乎 估计 担心 着急 急用 生气 失望 满意 希望 想要
打算 准备 试试 尝试 重新 再次 再试 还在 正在 已被 请您 请你 请尽快 请确认 请提供 请在 请勿
我在 我是 我要 我想 我已 我把 我用 我没 我就 我也 我都 你们 上面 下面 里面 外面 前面 后面
中间 一下子 出现 发生 发现 发送 收到 收款 付款 退款 到了 完了 好了 对了 说了 问了 等了 试了
过了 做了 买了 卖了 转了 提了 充了 一周 三个 两个 一点 有效 无效 多久 多长 还能 还会 怎么办
不知道 为啥 咋办 啥时候 老是 总是 经常 每次 每天 这次 上次 下次 第一 第二 第三 一共 总共
我们的 你们的 他们的 这种 那种 这么 那么 多么 能够 可否 不用 不必 不行 行吗 好吗 对吗 吗 呢
中文 英文 语言 客户端 应用 软件 手机号 验证码 谷歌 动态码 身份证 人工 在线 机器人 回答 答复
下单 挂单 成交 撤单 爆仓 强平 止损 止盈 保证金 仓位 持仓 收益 利息 理财 质押 借贷 空投 奖励
活动 返佣 邀请 推荐 社区 公告 维护 升级 暂时 恢复正常 感觉 好像 不对 不对劲 奇怪 搞错 弄错
生活 学习 工作 时间 地方 世界 社会 发展 经济 政治 文化 历史 教育 科学 技术 研究 管理 组织
`;

const PARTICLES = '的了吗呢吧啊呀嘛我你您他她是在有不这那就都也还要会能没很和把被给让请到说个上下';

let bigrams: Set<number> | undefined;
let particles: Uint8Array | undefined;

function proseBigrams(): Set<number> {
  if (bigrams) return bigrams;
  bigrams = new Set<number>();
  for (const word of PROSE_WORDS.split(/\s+/)) {
    for (let i = 0; i + 1 < word.length; i++) {
      bigrams.add(word.charCodeAt(i) * 65536 + word.charCodeAt(i + 1));
    }
  }
  return bigrams;
}

function particleTable(): Uint8Array {
  if (particles) return particles;
  particles = new Uint8Array(65536);
  for (let i = 0; i < PARTICLES.length; i++) particles[PARTICLES.charCodeAt(i)] = 1;
  return particles;
}

/** True when characters at `i` and `i + 1` form a common word. */
export function isProseBigram(text: string, i: number): boolean {
  return proseBigrams().has(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
}

/**
 * Prose test for a window of Chinese characters: a common two-character word anywhere, or four
 * or more grammatical particles in a varied window.
 */
export function looksLikeProse(text: string, start: number, end: number): boolean {
  const table = particleTable();
  let count = 0;
  const distinct = new Set<number>();
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    distinct.add(c);
    if (table[c]) count++;
    if (i + 1 < end && isProseBigram(text, i)) return true;
  }
  return count >= 4 && distinct.size >= 6;
}

// The Chinese BIP39 lists are ordered by character frequency. Under a Zipf-like prose model a
// character of list index i has probability ∝ 1/(i + 10); a phrase draws indexes uniformly.
// The mean per-character log-likelihood ratio (prose vs uniform) of random phrases stays below
// 0.3 (99.9th percentile of 20k random 12-word phrases: 0.25), while prose clauses score above.
let llrTable: Float64Array | undefined;

function llrCosts(): Float64Array {
  if (llrTable) return llrTable;
  let h = 0;
  for (let i = 0; i < 2048; i++) h += 1 / (i + 10);
  const t = new Float64Array(2048);
  for (let i = 0; i < 2048; i++) t[i] = -Math.log(i + 10) - Math.log(h) + Math.log(2048);
  llrTable = t;
  return t;
}

export const PROSE_LLR_THRESHOLD = 0.3;

/** Mean per-character log-likelihood ratio of "frequent-character prose" over "uniform phrase". */
export function proseScore(indices: readonly number[]): number {
  const t = llrCosts();
  let sum = 0;
  for (const i of indices) sum += t[i] ?? 0;
  return indices.length > 0 ? sum / indices.length : 0;
}

/**
 * A window that repeats itself with some period (at least four compared positions, allowing one
 * mismatch for the checksum word), such
 * as the test phrases "的的的…在" or "枪疫霉尝俩闹饿贤枪疫霉卿". Prose is never periodic; such
 * patterns are judged on checksum and context alone.
 */
export function isPeriodic(text: string, start: number, end: number): boolean {
  const n = end - start;
  for (let p = 1; p <= n - 4; p++) {
    let mismatches = 0;
    for (let k = start; k + p < end && mismatches <= 1; k++) {
      if (text.charCodeAt(k) !== text.charCodeAt(k + p)) mismatches++;
    }
    if (mismatches <= 1) return true;
  }
  return false;
}
