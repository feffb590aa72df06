// Pages of the housing stock module, under /patrimoine.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { BuildingPage } from './BuildingPage';
import { BuildingsPage } from './BuildingsPage';

export default function BuildingRoutes() {
  return (
    <Routes>
      <Route index element={<BuildingsPage />} />
      <Route path=":id" element={<BuildingPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
