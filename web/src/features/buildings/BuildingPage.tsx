// A building and its dwellings: typology, floor, surface, financing, rent, accessibility (words and
// icon) and the occupying household (a link to its record) or "Vacant".
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { localeOf } from '../../i18n';
import { formatMoney, formatSurface } from '../../lib/format';
import { formatFloor } from '../../lib/words';
import { Accessible } from '../../ui/Accessible';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Loading } from '../../ui/Loading';
import { PageTitle } from '../../ui/Page';
import { QueryError } from '../../ui/QueryError';
import { useAgencies, useBuilding, useBuildingHouseholds, useDwellings, type Building, type Dwelling } from './queries';
import './buildings.css';

export function BuildingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const building = useBuilding(Number.isInteger(id) ? id : 0);
  if (building.isPending && Number.isInteger(id) && id > 0) return <Loading />;
  if (!building.isSuccess) {
    return (
      <>
        <PageTitle title={t('errors.title')} />
        <QueryError error={building.error ?? new Error('bad id')} onRetry={() => void building.refetch()} />
        <p>
          <Link to="/patrimoine">{t('buildings.listTitle')}</Link>
        </p>
      </>
    );
  }
  return <BuildingRecord b={building.data} />;
}

function BuildingRecord({ b }: { b: Building }) {
  const { t } = useTranslation();
  const dwellings = useDwellings(b.id);
  const households = useBuildingHouseholds(b.id);
  const agencies = useAgencies();
  const agency = agencies.data?.items.find((a) => a.id === b.agency_id)?.name;
  const items = dwellings.data?.items ?? [];
  const vacant = items.filter((d) => d.household_id === null).length;
  const title = b.name || b.street;

  return (
    <article className="building" aria-labelledby="building-title">
      <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/patrimoine">{t('nav.buildings')}</Link>
          </li>
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      <header className="record-header">
        <div>
          <PageTitle id="building-title" title={title} />
          <p className="record-header__meta">
            <span className="mono">{t('buildings.reference', { reference: b.reference })}</span>
            {' · '}
            <Icon name="pin" />
            {b.street}, {b.postal_code} {b.commune_name}
          </p>
        </div>
      </header>

      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title" className="card__title">
          <Icon name="building" />
          {t('buildings.facts')}
        </h2>
        <ul className="tags">
          <li>
            <Icon name="home" />
            {t('buildings.dwellings', { count: b.dwelling_count })}
          </li>
          {dwellings.isSuccess && (
            <li>
              <Icon name="info" />
              {t('buildings.vacantCount', { count: vacant })}
            </li>
          )}
          <li>{b.floors > 0 ? t('buildings.floors', { count: b.floors }) : t('buildings.floorsNone')}</li>
          <li>
            <Icon name={b.has_lift ? 'lift' : 'cross'} />
            {b.has_lift ? t('buildings.lift') : t('buildings.noLift')}
          </li>
          {b.qpv && (
            <li>
              <Icon name="pin" />
              {t('buildings.qpv')}
            </li>
          )}
          <li>
            {t('buildings.agency')} : {agency ?? t('buildings.noAgency')}
          </li>
        </ul>
      </section>

      <section className="card" aria-labelledby="dwellings-title">
        <h2 id="dwellings-title" className="card__title">
          <Icon name="home" />
          {t('buildings.dwellingsTitle')}
        </h2>
        {dwellings.isPending && <Loading />}
        {dwellings.isError && <QueryError error={dwellings.error} onRetry={() => void dwellings.refetch()} />}
        {dwellings.isSuccess && items.length === 0 && <EmptyState icon="home" title={t('buildings.dwellingsEmpty')} />}
        {items.length > 0 && (
          <div className="table-scroll" role="region" aria-label={t('buildings.dwellingsScroll')} tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{t('buildings.dwellingsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('buildings.colReference')}</th>
                  <th scope="col">{t('buildings.colTypology')}</th>
                  <th scope="col">{t('buildings.colFloor')}</th>
                  <th scope="col" className="num">{t('buildings.colSurface')}</th>
                  <th scope="col">{t('buildings.colFinancing')}</th>
                  <th scope="col" className="num">{t('buildings.colRent')}</th>
                  <th scope="col" className="num">{t('buildings.colCharges')}</th>
                  <th scope="col">{t('buildings.colAccessible')}</th>
                  <th scope="col">{t('buildings.colOccupant')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <DwellingRow key={d.id} d={d} occupant={d.household_id ? households.data?.get(d.household_id)?.display_name : undefined} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </article>
  );
}

function DwellingRow({ d, occupant }: { d: Dwelling; occupant: string | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <tr>
      <th scope="row" className="mono">{d.reference}</th>
      <td>{d.typology}</td>
      <td>{formatFloor(t, d.floor)}</td>
      <td className="num">{formatSurface(d.surface_m2, locale)}</td>
      <td>{t(`buildings.financing.${d.financing}`)}</td>
      <td className="num">{formatMoney(d.rent_cents, locale)}</td>
      <td className="num">{formatMoney(d.charges_cents, locale)}</td>
      <td>
        <Accessible yes={d.accessible_prm} />
      </td>
      <td>
        {d.household_id ? (
          <Link to={`/menages/${d.household_id}`}>
            <Icon name="households" />
            {occupant ?? t('buildings.occupantUnknown', { id: d.household_id })}
          </Link>
        ) : (
          <span className="status status--vacant">
            <Icon name="info" />
            {t('buildings.vacant')}
          </span>
        )}
      </td>
    </tr>
  );
}
