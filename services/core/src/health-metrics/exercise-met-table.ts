/**
 * Metabolic equivalents (1 MET ~ 1 kcal per kg of body weight per hour) for common
 * activities, at a moderate pace, after the Compendium of Physical Activities (2011).
 * Aliases are whole words or phrases; a few Swedish and Spanish ones match the
 * languages the profile offers.
 */
export interface MetActivity {
  key: string;
  met: number;
  aliases: readonly string[];
}

export const metTable: readonly MetActivity[] = [
  {
    key: 'walking',
    met: 3.5,
    aliases: ['walk', 'walking', 'stroll', 'promenad', 'gå', 'caminar', 'caminata'],
  },
  { key: 'brisk walking', met: 4.3, aliases: ['brisk walk', 'brisk walking', 'power walk', 'power walking'] },
  { key: 'hiking', met: 6.0, aliases: ['hike', 'hiking', 'vandring', 'senderismo'] },
  { key: 'jogging', met: 7.0, aliases: ['jog', 'jogging', 'joggning'] },
  { key: 'running', met: 9.8, aliases: ['run', 'running', 'löpning', 'springa', 'correr', 'carrera'] },
  {
    key: 'cycling',
    met: 7.5,
    aliases: ['cycle', 'cycling', 'bike', 'biking', 'bike ride', 'cykling', 'cykla', 'ciclismo'],
  },
  {
    key: 'stationary cycling',
    met: 6.8,
    aliases: ['stationary bike', 'exercise bike', 'indoor cycling', 'spinning', 'spin class', 'spin'],
  },
  { key: 'swimming', met: 6.0, aliases: ['swim', 'swimming', 'simning', 'simma', 'natación', 'nadar'] },
  { key: 'yoga', met: 2.5, aliases: ['yoga'] },
  { key: 'pilates', met: 3.0, aliases: ['pilates'] },
  { key: 'stretching', met: 2.3, aliases: ['stretch', 'stretching', 'stretcha', 'estiramientos'] },
  {
    key: 'strength training',
    met: 5.0,
    aliases: [
      'strength',
      'strength training',
      'weights',
      'weight training',
      'weightlifting',
      'weight lifting',
      'lifting',
      'resistance training',
      'gym',
      'styrketräning',
      'gimnasio',
      'pesas',
    ],
  },
  {
    key: 'hiit',
    met: 8.0,
    aliases: ['hiit', 'circuit training', 'crossfit', 'interval training', 'calisthenics'],
  },
  { key: 'rowing', met: 7.0, aliases: ['row', 'rowing', 'rowing machine', 'rower', 'rodd', 'remo'] },
  { key: 'elliptical', met: 5.0, aliases: ['elliptical', 'cross trainer', 'crosstrainer'] },
  { key: 'dancing', met: 5.0, aliases: ['dance', 'dancing', 'zumba', 'dans', 'bailar', 'baile'] },
  { key: 'jump rope', met: 11.0, aliases: ['jump rope', 'skipping rope', 'rope skipping', 'hopprep'] },
  { key: 'stair climbing', met: 8.0, aliases: ['stairs', 'stair climbing', 'stair climber', 'stairmaster'] },
  { key: 'tennis', met: 7.3, aliases: ['tennis', 'tenis'] },
  { key: 'badminton', met: 5.5, aliases: ['badminton'] },
  { key: 'table tennis', met: 4.0, aliases: ['table tennis', 'ping pong', 'pingis'] },
  { key: 'football', met: 7.0, aliases: ['football', 'soccer', 'fotboll', 'fútbol', 'futbol'] },
  { key: 'basketball', met: 6.5, aliases: ['basketball', 'basket', 'baloncesto'] },
  { key: 'volleyball', met: 4.0, aliases: ['volleyball', 'volleyboll', 'voleibol'] },
  { key: 'golf', met: 4.8, aliases: ['golf'] },
  {
    key: 'downhill skiing',
    met: 5.3,
    aliases: ['skiing', 'ski', 'downhill skiing', 'alpine skiing', 'utförsåkning'],
  },
  {
    key: 'cross-country skiing',
    met: 9.0,
    aliases: ['cross country skiing', 'nordic skiing', 'längdskidor'],
  },
  { key: 'ice skating', met: 7.0, aliases: ['skating', 'ice skating', 'skridsko', 'skridskor'] },
  {
    key: 'climbing',
    met: 8.0,
    aliases: ['climbing', 'rock climbing', 'bouldering', 'klättring', 'escalada'],
  },
  { key: 'boxing', met: 5.5, aliases: ['boxing', 'punching bag', 'boxning', 'boxeo'] },
  { key: 'martial arts', met: 10.3, aliases: ['martial arts', 'karate', 'judo', 'taekwondo', 'kickboxing'] },
  { key: 'gardening', met: 3.8, aliases: ['gardening', 'garden work', 'trädgårdsarbete', 'jardinería'] },
  { key: 'housework', met: 3.3, aliases: ['housework', 'cleaning', 'städning', 'limpieza'] },
];

/** Lower case, punctuation to spaces, single spaces: "Morning-Run!" -> "morning run". */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const byAlias = metTable.flatMap((activity) =>
  activity.aliases.map((alias) => ({ alias: normalise(alias), activity })),
);

/**
 * The table entry an activity description names, matching whole words, the longest
 * alias winning ("brisk walk" over "walk", "stationary bike" over "bike").
 */
export function findMetActivity(description: string): MetActivity | undefined {
  const padded = ` ${normalise(description)} `;
  let best: { alias: string; activity: MetActivity } | undefined;
  for (const candidate of byAlias) {
    if (!padded.includes(` ${candidate.alias} `)) continue;
    if (!best || candidate.alias.length > best.alias.length) best = candidate;
  }
  return best?.activity;
}
