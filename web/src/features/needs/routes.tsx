// Pages of the delivery rounds, under /tournees (the landlord's staff in contact with tenants).
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { DeliveryRoundsPage } from './DeliveryRoundsPage';

export default function DeliveryRoundRoutes() {
  return (
    <Routes>
      <Route index element={<DeliveryRoundsPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
