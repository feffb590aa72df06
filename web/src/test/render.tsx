import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App, makeQueryClient } from '../app/App';

/** Renders the whole app at `path`, as a browser loading that address would. */
export function renderApp(path: string) {
  window.history.replaceState(null, '', path);
  // No pause between keystrokes: the debounce of the search still applies (it uses real timers).
  const user = userEvent.setup({ delay: null });
  const queryClient = makeQueryClient();
  const utils = render(<App queryClient={queryClient} />);
  return { ...utils, user, queryClient };
}
