// The manager's call list of a day, under /liste-d-appels.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { CallListPage } from './CallListPage';

export default function CallListRoutes() {
  return (
    <Routes>
      <Route index element={<CallListPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
