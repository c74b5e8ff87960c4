import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from '../../src/web/lib/routes.js';
import { isTyping, shortcutFor, type KeyLike } from '../../src/web/lib/shortcuts.js';

describe('console routes', () => {
  it('round-trips every kind of route through its URL', () => {
    const routes: Route[] = [
      { name: 'view', view: 'group_unassigned', filters: {}, page: 1 },
      { name: 'view', view: 'all_open', filters: { status: 'open', priority: 'urgent', requester: 'a+b@example.com', created_after: '2025-01-01' }, page: 3 },
      { name: 'search', query: '提币 0xabc' },
      { name: 'ticket', id: 10042 },
      { name: 'admin', section: 'request-types' },
    ];
    for (const route of routes) {
      const href = routeHref(route);
      expect(href.startsWith('/agent/')).toBe(true);
      const url = new URL(href, 'http://x');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });

  it('defaults to "mine" and rejects unknown paths', () => {
    expect(parseRoute('/agent/', '')).toMatchObject({ name: 'view', view: 'mine' });
    expect(parseRoute('/agent', '')).toMatchObject({ name: 'view', view: 'mine' });
    expect(parseRoute('/agent/views/nope', '')).toMatchObject({ name: 'not_found' });
    expect(parseRoute('/agent/tickets/abc', '')).toMatchObject({ name: 'not_found' });
    expect(parseRoute('/agent/admin/secrets', '')).toMatchObject({ name: 'not_found' });
    expect(parseRoute('/agent/views/mine', '?page=-2&bogus=1')).toEqual({ name: 'view', view: 'mine', filters: {}, page: 1 });
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, patch: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'BODY', targetEditable: false, ...patch });

  it('maps the single keys outside text fields', () => {
    expect(['j', 'k', 'Enter', 'r', '/', '?', 'u'].map((k) => shortcutFor(key(k)))).toEqual(['next', 'previous', 'open', 'reply', 'search', 'help', 'back']);
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('does not steal letters while typing, but Ctrl/⌘+Enter sends from the reply box', () => {
    const inTextarea = { targetTag: 'TEXTAREA' };
    expect(shortcutFor(key('j', inTextarea))).toBeNull();
    expect(shortcutFor(key('/', { targetTag: 'INPUT', targetType: 'search' }))).toBeNull();
    expect(shortcutFor(key('Enter', { ...inTextarea, ctrlKey: true }))).toBe('send');
    expect(shortcutFor(key('Enter', { ...inTextarea, metaKey: true }))).toBe('send');
    expect(shortcutFor(key('r', { targetEditable: true }))).toBeNull();
    // A checkbox is not a text field: j still moves.
    expect(shortcutFor(key('j', { targetTag: 'INPUT', targetType: 'checkbox' }))).toBe('next');
    expect(isTyping({ targetTag: 'SELECT', targetEditable: false })).toBe(true);
  });

  it('leaves Enter on links and buttons alone and ignores modified letters', () => {
    expect(shortcutFor(key('Enter', { targetTag: 'A' }))).toBeNull();
    expect(shortcutFor(key('Enter', { targetTag: 'BUTTON' }))).toBeNull();
    expect(shortcutFor(key('r', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('Escape', { targetTag: 'TEXTAREA' }))).toBe('close');
  });
});
