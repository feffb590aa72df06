// The dashboard, under /tableau-de-bord (managers, the regional association).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { DashboardPage } from './DashboardPage';

export default function DashboardRoutes() {
  return (
    <Routes>
      <Route index element={<DashboardPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
