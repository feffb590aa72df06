// Pages of the households module, under /menages.
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { HouseholdPage } from './HouseholdPage';
import { HouseholdSearchPage } from './HouseholdSearchPage';

// The form (and its validation library) loads only when someone edits.
const HouseholdEditPage = lazy(() => import('./HouseholdEditPage'));

export default function HouseholdRoutes() {
  return (
    <Routes>
      <Route index element={<HouseholdSearchPage />} />
      <Route path=":id" element={<HouseholdPage />} />
      <Route path=":id/modifier" element={<HouseholdEditPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
