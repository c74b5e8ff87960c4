import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { keyLikeOf, shortcutFor, type ShortcutAction } from '../lib/shortcuts.js';

type Handlers = Partial<Record<ShortcutAction, () => void>>;

interface Registry {
  register: (handlers: { current: Handlers }) => () => void;
}

const ShortcutContext = createContext<Registry | null>(null);

/**
 * One keydown listener for the whole console. Pages register handlers with `useShortcuts`; the most
 * recently mounted page that handles an action wins (a dialog over a ticket over a list).
 */
export function ShortcutProvider({ children, global }: { children: ReactNode; global: Handlers }) {
  const stack = useRef<Array<{ current: Handlers }>>([]);
  const globalRef = useRef(global);
  globalRef.current = global;
  const registry = useRef<Registry>({
    register(handlers) {
      stack.current.push(handlers);
      return () => {
        stack.current = stack.current.filter((h) => h !== handlers);
      };
    },
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // A modal dialog handles its own keys (Escape closes it natively).
      if (document.querySelector('dialog[open]')) return;
      const action = shortcutFor(keyLikeOf(event));
      if (!action) return;
      for (let i = stack.current.length - 1; i >= 0; i--) {
        const handler = stack.current[i]!.current[action];
        if (handler) {
          event.preventDefault();
          handler();
          return;
        }
      }
      const fallback = globalRef.current[action];
      if (fallback) {
        event.preventDefault();
        fallback();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return <ShortcutContext.Provider value={registry.current}>{children}</ShortcutContext.Provider>;
}

/** Handles shortcut actions while the calling component is mounted. */
export function useShortcuts(handlers: Handlers) {
  const registry = useContext(ShortcutContext);
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => registry?.register(ref), [registry]);
}
