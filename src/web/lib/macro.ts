/** The placeholders a macro body may use (docs/agent-api.md, plus the two the server also fills); rendered by the server on apply. */
export const MACRO_PLACEHOLDERS = ['requester.name', 'requester.email', 'ticket.id', 'ticket.subject', 'agent.name', 'brand.name', 'brand.supportEmail'] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

export interface PlaceholderPreview {
  text: string;
  /** Placeholders the server does not know: they would be sent to the customer verbatim. */
  unknown: string[];
}

const PATTERN = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * Fills `{{placeholders}}` for the macro editor's preview and the picker's preview before applying.
 * Known placeholders without a value yet stay visible; unknown ones are listed so the editor can warn.
 */
export function previewPlaceholders(template: string, values: Partial<Record<MacroPlaceholder, string>>): PlaceholderPreview {
  const unknown: string[] = [];
  const text = template.replace(PATTERN, (whole, name: string) => {
    if (!(MACRO_PLACEHOLDERS as readonly string[]).includes(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    const value = values[name as MacroPlaceholder];
    return value === undefined || value === '' ? whole : value;
  });
  return { text, unknown };
}

/** Inserts `{{name}}` at the cursor of a textarea value; returns the new value and cursor position. */
export function insertPlaceholder(value: string, selectionStart: number, selectionEnd: number, name: MacroPlaceholder): { value: string; cursor: number } {
  const token = `{{${name}}}`;
  const start = Math.max(0, Math.min(selectionStart, value.length));
  const end = Math.max(start, Math.min(selectionEnd, value.length));
  return { value: value.slice(0, start) + token + value.slice(end), cursor: start + token.length };
}
