/**
 * Query stop words. They are indexed (so a query made only of stop words still finds something)
 * but dropped from queries that also contain meaningful words.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'after', 'again', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at',
  'be', 'been', 'before', 'being', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'doing', 'done',
  'for', 'from', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'him', 'his', 'how', 'i', 'if',
  'im', 'in', 'into', 'is', 'it', 'its', 'just', 'me', 'my', 'myself', 'of', 'on', 'or', 'our',
  'ours', 'please', 'she', 'should', 'so', 'some', 'still', 'than', 'that', 'the', 'their', 'them',
  'then', 'there', 'these', 'they', 'this', 'those', 'to', 'too', 'us', 'was', 'we', 'were', 'what',
  'whats', 'when', 'where', 'which', 'while', 'who', 'why', 'will', 'with', 'would', 'you', 'your',
  'yours', 'yet', 'ive', 'dont', 'doesnt', 'didnt', 'not', 'no', 'cant', 'cannot', 'wont',
  'isnt', 'arent', 'wasnt', 'havent', 'hasnt', 'very', 'really', 'need', 'want', 'get', 'got',
  'one', 'there', 'way', 'hi', 'hello', 'thanks', 'thank', 's', 't',
]);

/** Chinese function words and question scaffolding (whole jieba tokens). */
export const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '吗', '呢', '吧', '啊', '呀', '嘛', '么', '哦', '喔', '哈', '啦', '着', '过',
  '我', '我的', '我们', '你', '你们', '您', '他', '她', '它', '是', '在', '有', '和', '与', '及', '或',
  '就', '都', '也', '还', '又', '把', '被', '让', '给', '对', '从', '向', '这', '那', '这个', '那个',
  '怎么', '怎么办', '怎样', '怎么样', '如何', '为什么', '为啥', '什么', '啥', '哪里', '哪儿', '请问',
  '请', '一下', '一直', '可以', '能', '能否', '是否', '会', '要', '想', '已经', '还是', '但是', '可是',
  '然后', '现在', '之后', '个', '些', '该', '应该', '一个', '如果', '因为', '所以', '而且',
  '自己', '里', '上', '下', '中', '时', '时候', '帮', '帮忙', '咋', '咋办', '办', '得', '地',
  // negations and degree words: every help article is about a problem, so they do not discriminate
  '不', '不了', '没', '没有', '不能', '很', '太', '多', '好', '老是', '总是',
]);

/**
 * Characters that make a poor bigram in a query (bigrams containing them are skipped in queries;
 * they are still indexed).
 */
export const CHINESE_STOP_CHARS: ReadonlySet<string> = new Set([
  '的', '了', '吗', '呢', '吧', '啊', '呀', '嘛', '么', '哦', '我', '你', '您', '他', '她', '它',
  '是', '在', '和', '与', '就', '都', '也', '还', '把', '被', '这', '那', '怎', '啥', '咋', '请',
]);
