import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequestTypeDefinition } from '../../src/shared/request-forms.js';
import { requestTypeSchema } from '../../src/server/modules/requests/request-types.js';
import { checkRequestType, moveItem, newField, normalizeDefinition } from '../../src/web/lib/form-editor.js';

const bundled = (JSON.parse(readFileSync(new URL('../../content/request-types.json', import.meta.url), 'utf8')) as { requestTypes: RequestTypeDefinition[] }).requestTypes;
const codes = (def: RequestTypeDefinition) => checkRequestType(def).map((i) => `${i.path}:${i.code}`);

describe('request-type editor checks', () => {
  it('finds no problem in the bundled request types', () => {
    expect(bundled.length).toBeGreaterThan(3);
    for (const def of bundled) expect(codes(def), def.key).toEqual([]);
  });

  it('agrees with the server schema on broken definitions', () => {
    const base = structuredClone(bundled.find((d) => d.fields.some((f) => f.type === 'address'))!);
    const broken: Array<[string, (d: RequestTypeDefinition) => void, string]> = [
      ['duplicate key', (d) => d.fields.push({ ...d.fields[0]! }), 'key_duplicate'],
      ['reserved key', (d) => (d.fields[0]!.key = 'subject'), 'key_reserved'],
      ['bad key', (d) => (d.fields[0]!.key = 'Bad Key'), 'key_format'],
      ['missing zh label', (d) => (d.fields[0]!.label['zh-cn'] = ' '), 'label_missing'],
      ['select without options', (d) => d.fields.push({ key: 'pick', type: 'select', label: { 'en-us': 'Pick', 'zh-cn': '选择' }, required: false }), 'options_missing'],
      ['condition on unknown field', (d) => (d.fields[0]!.visibleWhen = [{ field: 'ghost', filled: true }]), 'condition_field_unknown'],
      ['no network for an address', (d) => (d.fields = d.fields.filter((f) => f.type !== 'network')), 'address_needs_network'],
      ['two network fields', (d) => d.fields.push({ key: 'network_2', type: 'network', label: { 'en-us': 'N', 'zh-cn': '网' }, required: false }), 'network_too_many'],
    ];
    for (const [name, breakIt, code] of broken) {
      const def = structuredClone(base);
      breakIt(def);
      expect(codes(def).some((c) => c.endsWith(`:${code}`)), name).toBe(true);
      expect(requestTypeSchema.safeParse(def).success, `server accepts: ${name}`).toBe(false);
    }
  });

  it('normalizes what the editor produces into what the server accepts', () => {
    const def = structuredClone(bundled[0]!);
    def.fields.push({ ...newField(def.fields), label: { 'en-us': ' Extra ', 'zh-cn': ' 额外 ' }, help: { 'en-us': '', 'zh-cn': '' }, required: [] });
    const clean = normalizeDefinition(def);
    const added = clean.fields.at(-1)!;
    expect(added).toEqual({ key: added.key, type: 'text', label: { 'en-us': 'Extra', 'zh-cn': '额外' }, required: false });
    expect(requestTypeSchema.safeParse(JSON.parse(JSON.stringify(clean))).success).toBe(true);
  });

  it('gives new fields unused keys and moves items', () => {
    const fields = [newField([])];
    const second = newField(fields);
    expect(second.key).not.toBe(fields[0]!.key);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
  });
});
