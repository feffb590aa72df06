import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';
import { setApiListener, setCsrfToken } from '../api/client';
import { initI18n } from '../i18n';
import { resetPageFocus } from '../ui/Page';

// Lazy pages are compiled on first import in tests: give findBy* time.
configure({ asyncUtilTimeout: 4000 });

beforeAll(() => {
  initI18n('fr');
});

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
  resetPageFocus();
  setApiListener({});
  setCsrfToken(null);
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
});
