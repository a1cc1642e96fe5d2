/** Level tiers: each tier has its own XP per level, so early levels come fast and later ones mean something. */
export type Tier = 'bronze' | 'silver' | 'gold' | 'platinum';

export const tiers: readonly Tier[] = ['bronze', 'silver', 'gold', 'platinum'];

interface TierBand {
  tier: Tier;
  firstLevel: number;
  xpPerLevel: number;
}

/** Bronze L1-5 at 100 XP a level, Silver L6-15 at 200, Gold L16-30 at 500, Platinum L31+ at 1,000. */
const bands: TierBand[] = [
  { tier: 'bronze', firstLevel: 1, xpPerLevel: 100 },
  { tier: 'silver', firstLevel: 6, xpPerLevel: 200 },
  { tier: 'gold', firstLevel: 16, xpPerLevel: 500 },
  { tier: 'platinum', firstLevel: 31, xpPerLevel: 1_000 },
];

export interface LevelInfo {
  level: number;
  tier: Tier;
  /** XP earned since the current level began. */
  xpIntoLevel: number;
  /** XP the current level spans: when xpIntoLevel reaches it, the next level begins. */
  xpForNextLevel: number;
  /** Total XP at which the current level began. */
  levelStartXp: number;
  /** Total XP at which the next level begins. */
  nextLevelAt: number;
}

/** The band a level belongs to and the total XP at which that band begins. */
function bandOfLevel(level: number): { band: TierBand; bandStartXp: number } {
  let bandStartXp = 0;
  for (let i = 0; i < bands.length - 1; i += 1) {
    const band = bands[i] as TierBand;
    const next = bands[i + 1] as TierBand;
    if (level < next.firstLevel) return { band, bandStartXp };
    bandStartXp += (next.firstLevel - band.firstLevel) * band.xpPerLevel;
  }
  return { band: bands[bands.length - 1] as TierBand, bandStartXp };
}

/** Total XP at which a level begins: L2 at 100, L6 at 500, L16 at 2,500, L31 at 10,000. */
export function xpForLevel(level: number): number {
  const safeLevel = Math.max(1, Math.floor(level));
  const { band, bandStartXp } = bandOfLevel(safeLevel);
  return bandStartXp + (safeLevel - band.firstLevel) * band.xpPerLevel;
}

/** The level, tier and progress within the level for a total XP (negative or broken input counts as 0). */
export function levelForXp(totalXp: number): LevelInfo {
  const xp = Number.isFinite(totalXp) && totalXp > 0 ? Math.floor(totalXp) : 0;
  let bandIndex = 0;
  while (bandIndex < bands.length - 1 && xp >= xpForLevel((bands[bandIndex + 1] as TierBand).firstLevel)) {
    bandIndex += 1;
  }
  const band = bands[bandIndex] as TierBand;
  const bandStartXp = xpForLevel(band.firstLevel);
  const levelsIn = Math.floor((xp - bandStartXp) / band.xpPerLevel);
  const levelStartXp = bandStartXp + levelsIn * band.xpPerLevel;
  return {
    level: band.firstLevel + levelsIn,
    tier: band.tier,
    xpIntoLevel: xp - levelStartXp,
    xpForNextLevel: band.xpPerLevel,
    levelStartXp,
    nextLevelAt: levelStartXp + band.xpPerLevel,
  };
}
