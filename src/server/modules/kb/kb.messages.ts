import { registerMessages } from '../../i18n.js';

/** Messages of the knowledge-base admin API (keys `kb.*`). */
const en = {
  errors: {
    name_required: 'Enter the {{language}} name.',
    key_taken: 'The key "{{key}}" is already used by another {{kind}}.',
    section_not_empty: 'The section “{{name}}” still holds {{articles}} article(s). Move them to another section first, or delete it with a section to move them to (move_to).',
    category_not_empty: 'The category “{{name}}” still holds {{articles}} article(s) in its sections. Move them first, or delete it with a category to move its sections to (move_to).',
    move_to_self: 'Choose a different {{kind}} to move the contents to.',
    unknown_move_target: 'There is no {{kind}} "{{id}}" to move the contents to.',
  },
  kinds: { category: 'category', section: 'section' },
  languages: { 'en-us': 'English', 'zh-cn': 'Chinese' },
};

const zh: typeof en = {
  errors: {
    name_required: '请填写{{language}}名称。',
    key_taken: '标识“{{key}}”已被另一个{{kind}}使用。',
    section_not_empty: '栏目“{{name}}”中还有 {{articles}} 篇文章。请先把文章移到其他栏目，或在删除时指定接收文章的栏目（move_to）。',
    category_not_empty: '分类“{{name}}”的栏目中还有 {{articles}} 篇文章。请先移走，或在删除时指定接收其栏目的分类（move_to）。',
    move_to_self: '请选择另一个{{kind}}来接收内容。',
    unknown_move_target: '不存在用于接收内容的{{kind}}“{{id}}”。',
  },
  kinds: { category: '分类', section: '栏目' },
  languages: { 'en-us': '英文', 'zh-cn': '中文' },
};

registerMessages('kb', { 'en-us': en, 'zh-cn': zh });
