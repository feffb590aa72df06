// Formatting that needs words of the current language (i18next): ages, floors.
import type { TFunction } from 'i18next';
import { ageOn } from './format';

/** `76 ans`, `8 mois`, `moins d'un mois`; null without a (valid, past) birth date. */
export function formatAge(t: TFunction, birth: string | null | undefined, today: string): string | null {
  const age = ageOn(birth, today);
  if (!age) return null;
  if (age.years >= 2) return t('format.years', { count: age.years });
  if (age.months >= 1) return age.years >= 1 && age.months % 12 === 0 ? t('format.years', { count: 1 }) : t('format.months', { count: age.months });
  return t('format.underOneMonth');
}

/** `Rez-de-chaussée`, `1er étage`, `3e étage`, `Sous-sol -1`. */
export function formatFloor(t: TFunction, floor: number): string {
  if (floor === 0) return t('format.floorGround');
  if (floor < 0) return t('format.floorBasement', { level: floor });
  return t('format.floor', { count: floor, ordinal: true });
}
