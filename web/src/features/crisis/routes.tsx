// Crisis plans, under /plans-de-crise: the list, declaring and changing a plan, the crisis view.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { CrisisPlansPage } from './CrisisPlansPage';
import { CrisisViewPage } from './CrisisViewPage';
import { PlanFormPage } from './PlanFormPage';

export default function CrisisRoutes() {
  return (
    <Routes>
      <Route index element={<CrisisPlansPage />} />
      <Route path="nouveau" element={<PlanFormPage />} />
      <Route path=":id/modifier" element={<PlanFormPage />} />
      <Route path=":id/vue" element={<CrisisViewPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
