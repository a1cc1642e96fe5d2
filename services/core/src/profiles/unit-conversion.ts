/** Everything is stored metric; these convert for people who read imperial. */
export type Units = 'metric' | 'imperial';

export const kgPerLb = 0.45359237;
export const cmPerInch = 2.54;
export const mlPerFlOz = 29.5735295625;

export function kgToLb(kg: number): number {
  return Math.round((kg / kgPerLb) * 10) / 10;
}

export function lbToKg(lb: number): number {
  return lb * kgPerLb;
}

export function cmToFeetInches(cm: number): { feet: number; inches: number } {
  const totalInches = Math.round(cm / cmPerInch);
  return { feet: Math.floor(totalInches / 12), inches: totalInches % 12 };
}

export function formatWeight(kg: number, units: Units): string {
  return units === 'imperial' ? `${kgToLb(kg)} lb` : `${Math.round(kg * 10) / 10} kg`;
}

export function formatHeight(cm: number, units: Units): string {
  if (units === 'metric') return `${Math.round(cm)} cm`;
  const { feet, inches } = cmToFeetInches(cm);
  return `${feet} ft ${inches} in`;
}

export function formatVolume(ml: number, units: Units): string {
  return units === 'imperial' ? `${Math.round((ml / mlPerFlOz) * 10) / 10} fl oz` : `${Math.round(ml)} ml`;
}
