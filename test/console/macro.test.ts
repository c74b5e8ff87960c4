import { describe, expect, it } from 'vitest';
import { insertPlaceholder, previewPlaceholders } from '../../src/web/lib/macro.js';

describe('macro placeholder preview', () => {
  it('fills known placeholders (spaces inside braces allowed) and keeps unfilled ones visible', () => {
    const preview = previewPlaceholders('Hi {{requester.name}}, about #{{ ticket.id }} — {{agent.name}} from {{brand.name}}', { 'requester.name': '王芳', 'ticket.id': '10042', 'agent.name': 'Li Wei' });
    expect(preview.text).toBe('Hi 王芳, about #10042 — Li Wei from {{brand.name}}');
    expect(preview.unknown).toEqual([]);
  });

  it('reports unknown placeholders once each, which the server would send verbatim', () => {
    const preview = previewPlaceholders('{{requester.phone}} {{customer}} {{requester.phone}}', {});
    expect(preview.unknown).toEqual(['requester.phone', 'customer']);
    expect(preview.text).toBe('{{requester.phone}} {{customer}} {{requester.phone}}');
  });

  it('inserts at the cursor, replacing a selection, and clamps positions', () => {
    expect(insertPlaceholder('Dear ,', 5, 5, 'requester.name')).toEqual({ value: 'Dear {{requester.name}},', cursor: 23 });
    expect(insertPlaceholder('Ticket XXX', 7, 10, 'ticket.id')).toEqual({ value: 'Ticket {{ticket.id}}', cursor: 20 });
    expect(insertPlaceholder('ab', 99, 120, 'agent.name').value).toBe('ab{{agent.name}}');
  });
});
