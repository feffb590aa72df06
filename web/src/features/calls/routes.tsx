// Pages of the calls, under /appels: the call agent's calls of the day (index) and the page of one
// call (/appels/:id, the call recorder's).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { callPageRoute } from './CallPageRoutes';
import { MyCallsPage } from './MyCallsPage';

export default function CallRoutes() {
  return (
    <Routes>
      <Route index element={<MyCallsPage />} />
      {callPageRoute()}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
