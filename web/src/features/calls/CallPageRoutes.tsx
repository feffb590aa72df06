// The route of one call, /appels/:id, mounted inside the /appels routes (routes.tsx).
import { Route } from 'react-router';
import { CallPage } from './CallPage';

/** The route of one call, /appels/:id, to put inside the /appels <Routes>. */
export function callPageRoute() {
  return <Route key="call-page" path=":id" element={<CallPage />} />;
}
