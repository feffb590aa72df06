// The household record: who they are, how to reach them (phone numbers big and clickable for call
// agents), the members with their ages, the lease and its money, the dwelling and its building,
// notes, the timeline that later modules fill, and (for administrators and the data protection
// officer) who read or changed the record.
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { localeOf } from '../../i18n';
import {
  formatDateLong, formatDateShort, formatDateTime, formatMoney, formatPhone, formatSurface, languageName, phoneHref,
  todayInParis,
} from '../../lib/format';
import { formatAge, formatFloor } from '../../lib/words';
import { Accessible } from '../../ui/Accessible';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useBuilding, useDwelling } from '../buildings/queries';
import { HouseholdViews } from '../audit/HouseholdViews';
import { PersonalData, canExportSubjectAccess } from '../privacy/PersonalData';
import { NeedsBox } from '../needs/NeedsBox';
import { SupportCaseBox } from '../support/SupportCaseBox';
import { canSeeSupportCases } from '../support/queries';
import { ReferralBox } from '../referrals/ReferralBox';
import { canEditHousehold, canOpenReferral, canReadTrail, useSignedIn } from '../session/session';
import { withCommune } from './HouseholdSearchPage';
import { useHousehold, type Household } from './queries';
import { VulnerabilityCard } from './vulnerability/VulnerabilityCard';
import { Timeline } from './timeline/Timeline';
import './households.css';

interface RecordState {
  search?: string;
  saved?: boolean;
}

export function HouseholdPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const household = useHousehold(id);
  const state = (useLocation().state ?? {}) as RecordState;

  if (!Number.isInteger(id) || id <= 0) return <QueryError error={new Error('bad id')} />;
  if (household.isPending) return <Loading />;
  if (household.isError) {
    return (
      <>
        <PageTitle title={t('errors.title')} />
        <QueryError error={household.error} onRetry={() => void household.refetch()} />
        <p>
          <Link to="/menages">{t('app.notFoundLink')}</Link>
        </p>
      </>
    );
  }
  return <HouseholdRecord h={household.data} state={state} />;
}

function HouseholdRecord({ h, state }: { h: Household; state: RecordState }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const session = useSignedIn();
  const partner = session.user.kind === 'partner';
  const searchHref = partner ? '/orientations' : state.search ? `/menages?q=${encodeURIComponent(state.search)}` : '/menages';

  return (
    <article className="household" aria-labelledby="household-title">
      <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to={searchHref}>{partner ? t('nav.referrals') : t('nav.households')}</Link>
          </li>
          <li aria-current="page">{h.display_name}</li>
        </ol>
      </nav>
      <header className="record-header">
        <div>
          <PageTitle id="household-title" title={h.display_name} />
          <p className="record-header__meta">
            {t('households.recordReference')} <strong className="mono">{h.reference}</strong>
          </p>
        </div>
        {canEditHousehold(session.user.roles) && !h.anonymised && (
          <Link to={`/menages/${h.id}/modifier`} className="button button--primary" state={state.search ? { search: state.search } : undefined}>
            <Icon name="edit" />
            {t('households.edit')}
          </Link>
        )}
      </header>
      {state.saved && (
        <Notice tone="success" live="polite">
          <p>{t('households.saved')}</p>
        </Notice>
      )}

      {partner && (
        <Notice tone="info">
          <p>{t('referrals.partnerView')}</p>
        </Notice>
      )}
      <div className="record-grid">
        <div className="record-grid__main">
          <Contact h={h} />
          <Members h={h} withBirth={!partner} />
          {!partner && <VulnerabilityCard householdId={h.id} roles={session.user.roles} />}
          {!partner && canEditHousehold(session.user.roles) && <NeedsBox householdId={h.id} />}
          {!partner && <Timeline householdId={h.id} />}
        </div>
        {partner ? (
          <div className="record-grid__side">
            <section className="card" aria-labelledby="address-title">
              <h2 id="address-title" className="card__title">
                <Icon name="building" />
                {t('referrals.address')}
              </h2>
              <p>{h.address}</p>
            </section>
          </div>
        ) : (
        <div className="record-grid__side">
          {canSeeSupportCases(session.user.roles) && <SupportCaseBox householdId={h.id} />}
          {canOpenReferral(session.user.roles) && <ReferralBox householdId={h.id} />}
          <Lease h={h} />
          <DwellingCard h={h} />
          <section className="card" aria-labelledby="notes-title">
            <h2 id="notes-title" className="card__title">
              <Icon name="note" />
              {t('households.notesTitle')}
            </h2>
            {h.notes ? <p className="notes">{h.notes}</p> : <p className="muted">{t('households.noNotes')}</p>}
          </section>
          {canReadTrail(session.user.roles) && <HouseholdViews householdId={h.id} />}
          {canExportSubjectAccess(session.user.roles) && <PersonalData h={h} roles={session.user.roles} />}
        </div>
        )}
      </div>
      <p className="muted record-updated">{t('households.updatedAt', { when: formatDateTime(h.updated_at, locale) })}</p>
    </article>
  );
}

function Contact({ h }: { h: Household }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <section className="card" aria-labelledby="contact-title">
      <h2 id="contact-title" className="card__title">
        <Icon name="phone" />
        {t('households.contactTitle')}
      </h2>
      <h3 className="visually-hidden">{t('households.phones')}</h3>
      {h.phones.length === 0 ? (
        <p className="muted">{t('households.noPhones')}</p>
      ) : (
        <ul className="phones">
          {h.phones.map((p, i) => {
            const href = phoneHref(p.number);
            const shown = formatPhone(p.number);
            return (
              <li key={`${p.number}-${i}`} className="phones__item">
                {href ? (
                  <a className="phone-link" href={href} aria-label={`${t('households.call', { number: shown })}${p.label ? ` (${p.label})` : ''}`}>
                    <Icon name="phone" />
                    <span className="phone-link__number">{shown}</span>
                  </a>
                ) : (
                  <span className="phone-link phone-link--plain">{shown}</span>
                )}
                {p.label && <span className="phones__label">{p.label}</span>}
              </li>
            );
          })}
        </ul>
      )}
      <dl className="facts">
        <div>
          <dt>
            <Icon name="mail" />
            {t('households.email')}
          </dt>
          <dd>{h.email ? <a href={`mailto:${h.email}`}>{h.email}</a> : <span className="muted">{t('households.noEmail')}</span>}</dd>
        </div>
        <div>
          <dt>
            <Icon name="globe" />
            {t('households.language')}
          </dt>
          <dd>{languageName(h.preferred_language || 'fr', locale)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** `withBirth` false: a partner's view, which has no birth dates (not "unknown" ones). */
function Members({ h, withBirth = true }: { h: Household; withBirth?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const today = todayInParis();
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title" className="card__title">
        <Icon name="households" />
        {t('households.membersTitle')}
        <span className="count">{h.members.length}</span>
      </h2>
      <ul className="members">
        {h.members.map((m) => {
          const age = formatAge(t, m.birth_date, today);
          return (
            <li key={m.id} className="members__item">
              <p className="members__name">
                {m.first_name} {m.last_name}
              </p>
              <p className="members__relation">{t(`households.relation.${m.relation}`)}</p>
              {withBirth && <p className="members__age">
                {age ? (
                  <>
                    <strong>{age}</strong>
                    <span className="muted"> · {formatDateShort(m.birth_date!, locale)}</span>
                  </>
                ) : (
                  <span className="muted">
                    {t('households.memberBirth')} : {t('households.unknownBirth').toLowerCase()}
                  </span>
                )}
              </p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Lease({ h }: { h: Household }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const l = h.lease;
  return (
    <section className="card" aria-labelledby="lease-title">
      <h2 id="lease-title" className="card__title">
        <Icon name="euro" />
        {t('households.leaseTitle')}
      </h2>
      {!l ? (
        <p className="muted">{t('households.noLease')}</p>
      ) : (
        <dl className="facts facts--money">
          <div>
            <dt>{t('households.leaseStart')}</dt>
            <dd>
              <time dateTime={l.start_date}>{formatDateLong(l.start_date, locale)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('households.rent')}</dt>
            <dd className="money">{formatMoney(l.rent_cents, locale)}</dd>
          </div>
          <div>
            <dt>{t('households.charges')}</dt>
            <dd className="money">{formatMoney(l.charges_cents, locale)}</dd>
          </div>
          <div className="facts__total">
            <dt>{t('households.total')}</dt>
            <dd className="money">
              {formatMoney(l.rent_cents + l.charges_cents, locale)} <span className="muted">{t('households.perMonth')}</span>
            </dd>
          </div>
          <div>
            <dt>{t('households.benefit')}</dt>
            <dd>
              {l.housing_benefit_cents > 0 ? (
                <>
                  <span className="money">{formatMoney(l.housing_benefit_cents, locale)}</span>,{' '}
                  {l.benefit_paid_to_landlord ? t('households.benefitToLandlord') : t('households.benefitToTenant')}
                </>
              ) : (
                t('households.benefitNone')
              )}
            </dd>
          </div>
          {l.housing_benefit_cents > 0 && (
            <div className="facts__total">
              <dt>{t('households.remaining')}</dt>
              <dd className="money">
                {formatMoney(l.rent_cents + l.charges_cents - l.housing_benefit_cents, locale)}{' '}
                <span className="muted">{t('households.perMonth')}</span>
              </dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}

function DwellingCard({ h }: { h: Household }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const dwelling = useDwelling(h.dwelling_id);
  const building = useBuilding(h.building_id);
  const d = dwelling.data;
  const b = building.data;
  return (
    <section className="card" aria-labelledby="dwelling-title">
      <h2 id="dwelling-title" className="card__title">
        <Icon name="home" />
        {t('households.dwellingTitle')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('households.address')}</dt>
          <dd>
            {withCommune(h.address, h.commune_name)}
          </dd>
        </div>
        <div>
          <dt>{t('households.building')}</dt>
          <dd>
            <Link to={`/patrimoine/${h.building_id}`}>
              <Icon name="building" />
              {b ? `${b.name || b.street} (${b.reference})` : t('households.buildingLink')}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('households.dwellingReference')}</dt>
          <dd className="mono">{h.dwelling_reference}</dd>
        </div>
        {d && (
          <>
            <div>
              <dt>{t('households.typology')}</dt>
              <dd>{d.typology}</dd>
            </div>
            <div>
              <dt>{t('households.floor')}</dt>
              <dd>{formatFloor(t, d.floor)}</dd>
            </div>
            <div>
              <dt>{t('households.surface')}</dt>
              <dd>{formatSurface(d.surface_m2, locale)}</dd>
            </div>
            <div>
              <dt>{t('buildings.colAccessible')}</dt>
              <dd>
                <Accessible yes={d.accessible_prm} />
              </dd>
            </div>
          </>
        )}
      </dl>
      {dwelling.isError && <QueryError error={dwelling.error} />}
    </section>
  );
}
