// Pages of the support cases, under /accompagnement (social-support officers and managers).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { SupportCasePage } from './SupportCasePage';
import { SupportCasesPage } from './SupportCasesPage';

export default function SupportRoutes() {
  return (
    <Routes>
      <Route index element={<SupportCasesPage />} />
      <Route path=":id" element={<SupportCasePage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
