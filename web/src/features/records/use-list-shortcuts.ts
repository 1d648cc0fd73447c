import { type RefObject, useEffect, useRef } from 'react';

// Typing in a field, or a dialog or menu being open, leaves the keys alone.
function typing(target: EventTarget | null): boolean {
  const el = target instanceof HTMLElement ? target : null;
  if (
    el?.closest(
      'input, textarea, select, [contenteditable="true"], [role="menu"], [role="listbox"]',
    )
  )
    return true;
  return document.querySelector('[role="dialog"]') !== null;
}

// A list's keys: '/' goes to the search field and 'n' opens "new". The physical key counts too,
// so they work on the Russian layout ('.' and 'т' on those keys).
export function useListShortcuts(
  search: RefObject<HTMLInputElement | null>,
  onCreate?: () => void,
) {
  const create = useRef(onCreate);
  create.current = onCreate;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === '/' || e.code === 'Slash') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (create.current && !e.shiftKey && (e.key === 'n' || e.code === 'KeyN')) {
        e.preventDefault();
        create.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [search]);
}
