// Pages of the administration, under /administration (the organisation's administrators).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { StaffPage } from './StaffPage';

export default function StaffRoutes() {
  return (
    <Routes>
      <Route index element={<StaffPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
