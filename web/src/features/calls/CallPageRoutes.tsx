// The call page's route under /appels (the list pages of /appels belong to the call list; merge
// `callPageRoute()` into their routes). Until then /appels itself leads to the tasks.
import { Navigate, Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { CallPage } from './CallPage';

/** The route of one call, /appels/:id, to put inside the /appels <Routes>. */
export function callPageRoute() {
  return <Route key="call-page" path=":id" element={<CallPage />} />;
}

export default function CallPageRoutes() {
  return (
    <Routes>
      <Route index element={<Navigate to="/taches" replace />} />
      {callPageRoute()}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
