// Pages of the referrals, under /orientations (contact staff of a landlord, partners' workers).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { ReferralsPage } from './ReferralsPage';

export default function ReferralRoutes() {
  return (
    <Routes>
      <Route index element={<ReferralsPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
