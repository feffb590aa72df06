// Providers and routes of the staff app. Signed-out people only reach /connexion; every other page
// lives in the AppFrame, one route per module of MODULES.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { LOGIN_PATH, SessionProvider, loginUrl, useSession } from '../features/session/session';
import { Loading } from '../ui/Loading';
import { QueryError } from '../ui/QueryError';
import { AppFrame } from './AppFrame';
import { MODULES, modulesFor } from './modules';
import { NotFound } from './NotFound';

const LoginPage = lazy(() => import('../features/session/LoginPage'));
const InvitationPage = lazy(() => import('../features/staff/InvitationPage'));
// The tenant portal: its own session, outside the staff app.
const TenantPortal = lazy(() => import('../features/tenant/TenantPortal'));

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A refused or missing record does not get better by asking again.
        retry: (n, error) => !(error instanceof ApiError && error.status < 500) && n < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

function RequireSession({ children }: { children: ReactNode }) {
  const { session, loading, error, retry, ended } = useSession();
  const location = useLocation();
  if (loading) return <BareMain><Loading /></BareMain>;
  if (error) return <BareMain><QueryError error={error} onRetry={retry} /></BareMain>;
  if (!session) {
    const to = ended ? loginUrl(ended.reason, ended.back) : loginUrl(null, location.pathname + location.search);
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}

/** Each kind of account starts on its first useful page: staff the households, a partner its
 *  referrals, the regional association the dashboard. */
function Home() {
  const { session } = useSession();
  const first = modulesFor(session?.user.roles ?? [])[0] ?? MODULES[0]!;
  return <Navigate to={`/${first.path}`} replace />;
}

function BareMain({ children }: { children: ReactNode }) {
  return (
    <main id="contenu" tabIndex={-1} className="main main--bare">
      {children}
    </main>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path={LOGIN_PATH}
        element={
          <Suspense fallback={<BareMain><Loading /></BareMain>}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        path="/invitation/:token"
        element={
          <Suspense fallback={<BareMain><Loading /></BareMain>}>
            <InvitationPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppFrame />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        {MODULES.map((m) => (
          <Route key={m.id} path={`${m.path}/*`} element={<m.routes />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <Routes>
          {/* The tenant portal has its own session: the staff session is never asked for there. */}
          <Route
            path="locataire/*"
            element={
              <Suspense fallback={<BareMain><Loading /></BareMain>}>
                <TenantPortal />
              </Suspense>
            }
          />
          <Route
            path="*"
            element={
              <SessionProvider>
                <AppRoutes />
              </SessionProvider>
            }
          />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
