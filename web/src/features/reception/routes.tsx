// Reception, under /rendez-vous: the desk's day view, booking for someone, the setup.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { BookingPage } from './BookingPage';
import { DayPage } from './DayPage';
import { SetupPage } from './SetupPage';

export default function ReceptionRoutes() {
  return (
    <Routes>
      <Route index element={<DayPage />} />
      <Route path="prendre" element={<BookingPage />} />
      <Route path="configuration" element={<SetupPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
