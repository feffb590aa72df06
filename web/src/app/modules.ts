// The modules of the staff app. Each brings its navigation entry and its pages, loaded on first use
// (one JavaScript chunk per module). Adding "Appels", "Impayés" or "Rendez-vous" is one entry here,
// a feature folder with a default-exported routes component, and its words in i18n/fr.ts.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { canEditHousehold, canManageCallLists, canManageStaff, canReadFigures, canReadReferrals, canReadTrail, isLandlordStaff, type Role } from '../features/session/session';
import { canManageEscalations, canReadCalls } from '../features/calls/CallPageQueries';
import { canReadSupportCases } from '../features/support/queries';
import type { Messages } from '../i18n/fr';
import type { IconName } from '../ui/Icon';

export interface AppModule {
  id: string;
  /** The first segment of its URLs, in French: /menages/..., /patrimoine/... */
  path: string;
  /** Its name in the navigation: a key of `nav` in i18n/fr.ts. */
  label: `nav.${keyof Messages['nav']}`;
  icon: IconName;
  /** Its pages: a component rendering <Routes> relative to `path`. */
  routes: LazyExoticComponent<ComponentType>;
  /** Who sees it; everyone signed in when absent. */
  visibleTo?: (roles: readonly Role[]) => boolean;
}

export const MODULES: readonly AppModule[] = [
  {
    id: 'households',
    path: 'menages',
    label: 'nav.households',
    icon: 'households',
    routes: lazy(() => import('../features/households/routes')),
    visibleTo: isLandlordStaff,
  },
  {
    id: 'buildings',
    path: 'patrimoine',
    label: 'nav.buildings',
    icon: 'building',
    routes: lazy(() => import('../features/buildings/routes')),
    visibleTo: isLandlordStaff,
  },
  {
    id: 'calls',
    path: 'appels',
    label: 'nav.calls',
    icon: 'phone',
    routes: lazy(() => import('../features/calls/routes')),
    // The agent's list, and the page of one call (/appels/:id) that managers and CESF open too.
    visibleTo: canReadCalls,
  },
  {
    id: 'callList',
    path: 'liste-d-appels',
    label: 'nav.callList',
    icon: 'phone',
    routes: lazy(() => import('../features/calls/listRoutes')),
    visibleTo: canManageCallLists,
  },
  {
    id: 'referrals',
    path: 'orientations',
    label: 'nav.referrals',
    icon: 'households',
    routes: lazy(() => import('../features/referrals/routes')),
    visibleTo: canReadReferrals,
  },
  {
    id: 'callAlerts',
    path: 'alertes',
    label: 'nav.callAlerts',
    icon: 'alert',
    routes: lazy(() => import('../features/calls/CallAlertsPage')),
    visibleTo: (roles) => isLandlordStaff(roles) && canManageEscalations(roles),
  },
  {
    id: 'callTasks',
    path: 'taches',
    label: 'nav.callTasks',
    icon: 'check',
    routes: lazy(() => import('../features/calls/CallTasksPage')),
    visibleTo: canReadCalls,
  },
  {
    id: 'rounds',
    path: 'tournees',
    label: 'nav.rounds',
    icon: 'calendar',
    routes: lazy(() => import('../features/needs/routes')),
    visibleTo: canEditHousehold,
  },
  {
    id: 'reception',
    path: 'rendez-vous',
    label: 'nav.reception',
    icon: 'calendar',
    routes: lazy(() => import('../features/reception/routes')),
    visibleTo: isLandlordStaff,
  },
  {
    id: 'support',
    path: 'accompagnement',
    label: 'nav.support',
    icon: 'euro',
    routes: lazy(() => import('../features/support/routes')),
    visibleTo: canReadSupportCases,
  },
  {
    id: 'crisis',
    path: 'plans-de-crise',
    label: 'nav.crisis',
    icon: 'alert',
    routes: lazy(() => import('../features/crisis/routes')),
    visibleTo: isLandlordStaff,
  },
  {
    id: 'dashboard',
    path: 'tableau-de-bord',
    label: 'nav.dashboard',
    icon: 'building',
    routes: lazy(() => import('../features/dashboard/routes')),
    visibleTo: canReadFigures,
  },
  {
    id: 'audit',
    path: 'journal',
    label: 'nav.audit',
    icon: 'shield',
    routes: lazy(() => import('../features/audit/routes')),
    visibleTo: canReadTrail,
  },
  {
    id: 'staff',
    path: 'administration',
    label: 'nav.staff',
    icon: 'user',
    routes: lazy(() => import('../features/staff/routes')),
    visibleTo: canManageStaff,
  },
  {
    id: 'account',
    path: 'mon-compte',
    label: 'nav.account',
    icon: 'user',
    routes: lazy(() => import('../features/account/routes')),
    // The second factor is for a landlord's staff (ADR 0009).
    visibleTo: isLandlordStaff,
  },
];

export function modulesFor(roles: readonly Role[]): AppModule[] {
  return MODULES.filter((m) => !m.visibleTo || m.visibleTo(roles));
}
