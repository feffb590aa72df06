// Pages of the access log, under /journal (administrators and the data protection officer).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { AuditPage } from './AuditPage';

export default function AuditRoutes() {
  return (
    <Routes>
      <Route index element={<AuditPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
