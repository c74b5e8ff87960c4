/** Console-wide keyboard shortcuts (shown by `?`). */
export type ShortcutAction = 'next' | 'previous' | 'open' | 'reply' | 'send' | 'search' | 'help' | 'back' | 'close';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  /** Tag name of the focused element ('INPUT', 'TEXTAREA', …). */
  targetTag: string;
  targetEditable: boolean;
  /** type attribute when the target is an input. */
  targetType?: string;
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'password', 'number', 'url', 'tel', 'date', 'datetime-local', 'time']);

/** Typing in a text field must not trigger single-key shortcuts. */
export function isTyping(e: Pick<KeyLike, 'targetTag' | 'targetEditable' | 'targetType'>): boolean {
  if (e.targetEditable) return true;
  if (e.targetTag === 'TEXTAREA' || e.targetTag === 'SELECT') return true;
  return e.targetTag === 'INPUT' && TEXT_INPUTS.has((e.targetType ?? 'text').toLowerCase());
}

/**
 * Which shortcut a key press means, or null. Ctrl/⌘+Enter (send) and Escape work everywhere;
 * single keys only when the focus is not in a text field. Enter on a focused link or button keeps its
 * normal meaning, so `open` only fires on other elements (a selected list row).
 */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return 'send';
  if (e.key === 'Escape') return 'close';
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return null;
  switch (e.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'Enter':
      return e.targetTag === 'A' || e.targetTag === 'BUTTON' ? null : 'open';
    case 'r':
      return 'reply';
    case '/':
      return 'search';
    case '?':
      return 'help';
    case 'u':
      return 'back';
    default:
      return null;
  }
}

export function keyLikeOf(event: KeyboardEvent): KeyLike {
  const target = event.target as HTMLElement | null;
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    shiftKey: event.shiftKey,
    targetTag: target?.tagName ?? '',
    targetEditable: target?.isContentEditable ?? false,
    ...(target && target.tagName === 'INPUT' ? { targetType: (target as HTMLInputElement).type } : {}),
  };
}
