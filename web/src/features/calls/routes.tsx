// Pages of the calls, under /appels: the call agent's calls of the day (index). The page of one call
// (/appels/:id) belongs to the call recorder.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { MyCallsPage } from './MyCallsPage';

export default function CallRoutes() {
  return (
    <Routes>
      <Route index element={<MyCallsPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
