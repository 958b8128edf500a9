import { useEffect, useRef, useState } from 'preact/hooks';

/** A value that screens can watch: the session, the route, the language, the signed-in profile. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Re-renders the component whenever the store changes, including a change made between this render and
 * the subscription (a child's effect runs before its parent's, e.g. a redirect).
 */
export function useStore<T>(store: Store<T>): T {
  const value = store.get();
  const rendered = useRef(value);
  rendered.current = value;
  const [, rerender] = useState(0);
  useEffect(() => {
    const check = () => {
      if (!Object.is(store.get(), rendered.current)) rerender((n) => n + 1);
    };
    const unsubscribe = store.subscribe(check);
    check();
    return unsubscribe;
  }, [store]);
  return value;
}
