// Pages of the rent arrears, under /impayes (social-support officers; managers read them).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { ArrearsQueuePage } from './ArrearsQueuePage';
import { LeaseArrearsPage } from './LeaseArrearsPage';

export default function ArrearsRoutes() {
  return (
    <Routes>
      <Route index element={<ArrearsQueuePage />} />
      <Route path="baux/:id" element={<LeaseArrearsPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
