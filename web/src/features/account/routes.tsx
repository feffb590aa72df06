// The signed-in person's own account, under /mon-compte.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { AccountPage } from './AccountPage';

export default function AccountRoutes() {
  return (
    <Routes>
      <Route index element={<AccountPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
