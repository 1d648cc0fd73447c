import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// A findBy/waitFor resolves as soon as its check passes; only its ceiling is raised. Under the full
// suite (two files at a time beside the server's tests on 2 cores) a Mantine page can take over the
// default second to settle, and tests that passed alone timed out.
configure({ asyncUtilTimeout: 5_000 });

// jsdom lacks these browser APIs; Mantine reads them on mount.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub;
window.HTMLElement.prototype.scrollIntoView = () => {};

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
