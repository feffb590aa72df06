// Reception, under /rendez-vous: the desk's day view, booking for someone, the setup, one
// appointment's page (convocation, .ics, notices), the staff member's calendar feed, the crisis switch.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../app/NotFound';
import { AppointmentPage } from './AppointmentPage';
import { BookingPage } from './BookingPage';
import { CalendarFeedPage } from './CalendarFeedPage';
import { CrisisSwitchPage } from './CrisisSwitchPage';
import { DayPage } from './DayPage';
import { SetupPage } from './SetupPage';

export default function ReceptionRoutes() {
  return (
    <Routes>
      <Route index element={<DayPage />} />
      <Route path="prendre" element={<BookingPage />} />
      <Route path="configuration" element={<SetupPage />} />
      <Route path="mon-agenda" element={<CalendarFeedPage />} />
      <Route path="bascule" element={<CrisisSwitchPage />} />
      <Route path=":id" element={<AppointmentPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
