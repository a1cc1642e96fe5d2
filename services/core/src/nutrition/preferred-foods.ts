// The everyday reading of the most common plain words, chosen by hand from SR28. Scoring alone picks a
// sensible food for most queries; this table pins the words people log every day so they never drift.

export interface PreferredFood {
  /** Query wordings (matched after normalising and stemming: "eggs" is "egg"). */
  queries: readonly string[];
  /** SR28 NDB number. */
  id: string;
  /** The household measure meant by a bare count ("2 eggs" are large eggs), when not the usual one. */
  defaultPortion?: string;
}

export const PREFERRED_FOODS: readonly PreferredFood[] = [
  { queries: ['apple', 'apples', 'raw apple'], id: '09003' },
  { queries: ['banana', 'bananas'], id: '09040' },
  { queries: ['egg', 'eggs', 'whole egg', 'raw egg'], id: '01123', defaultPortion: 'large' },
  { queries: ['boiled egg', 'hard boiled egg', 'hard egg'], id: '01129', defaultPortion: 'large' },
  { queries: ['fried egg'], id: '01128', defaultPortion: 'large' },
  { queries: ['scrambled egg', 'scrambled eggs'], id: '01132' },
  { queries: ['poached egg'], id: '01131', defaultPortion: 'large' },
  {
    queries: ['rice', 'white rice', 'cooked rice', 'cooked white rice', 'boiled rice', 'steamed rice'],
    id: '20045',
  },
  { queries: ['brown rice', 'cooked brown rice'], id: '20037' },
  { queries: ['chicken breast', 'cooked chicken breast', 'roast chicken breast'], id: '05064' },
  { queries: ['chicken', 'cooked chicken', 'roast chicken'], id: '05013' },
  { queries: ['salmon', 'cooked salmon', 'salmon fillet', 'baked salmon', 'grilled salmon'], id: '15237' },
  { queries: ['oats', 'oat', 'rolled oats', 'porridge oats'], id: '08120' },
  { queries: ['oatmeal', 'porridge', 'cooked oatmeal'], id: '08121' },
  { queries: ['bread', 'white bread'], id: '18069' },
  { queries: ['toast', 'white toast'], id: '18070' },
  { queries: ['wheat bread'], id: '18064' },
  { queries: ['whole wheat bread', 'wholemeal bread', 'whole grain bread'], id: '18075' },
  { queries: ['avocado', 'avocados'], id: '09037' },
  { queries: ['milk', 'whole milk'], id: '01077' },
  { queries: ['2% milk', 'semi skimmed milk', 'reduced fat milk'], id: '01079' },
  { queries: ['1% milk', 'low fat milk', 'lowfat milk'], id: '01082' },
  { queries: ['skim milk', 'skimmed milk', 'nonfat milk'], id: '01085' },
  { queries: ['orange', 'oranges'], id: '09200' },
  { queries: ['potato', 'potatoes', 'baked potato'], id: '11674' },
  { queries: ['pasta', 'spaghetti', 'cooked pasta', 'macaroni', 'penne'], id: '20121' },
  { queries: ['tomato', 'tomatoes'], id: '11529' },
  { queries: ['broccoli'], id: '11090' },
  { queries: ['carrot', 'carrots'], id: '11124' },
  { queries: ['strawberry', 'strawberries'], id: '09316' },
  { queries: ['blueberry', 'blueberries'], id: '09050' },
  { queries: ['grape', 'grapes'], id: '09132' },
  { queries: ['spinach'], id: '11457' },
  { queries: ['onion', 'onions'], id: '11282' },
  { queries: ['cucumber'], id: '11205' },
  { queries: ['water', 'tap water'], id: '14411' },
  { queries: ['coffee', 'black coffee'], id: '14209' },
  { queries: ['tea', 'black tea'], id: '14355' },
  { queries: ['sugar', 'white sugar'], id: '19335' },
  { queries: ['honey'], id: '19296' },
  { queries: ['butter'], id: '01001' },
  { queries: ['cheese', 'cheddar', 'cheddar cheese'], id: '01009' },
  { queries: ['yogurt', 'plain yogurt'], id: '01116' },
  { queries: ['greek yogurt'], id: '01256' },
  { queries: ['peanut butter'], id: '16098' },
  { queries: ['olive oil'], id: '04053' },
  { queries: ['quinoa'], id: '20137' },
  { queries: ['lentils', 'lentil'], id: '16070' },
  { queries: ['black beans'], id: '16015' },
  { queries: ['almonds', 'almond'], id: '12061' },
  { queries: ['ground beef', 'minced beef', 'hamburger meat', 'beef'], id: '23220' },
  { queries: ['pork chop', 'pork chops'], id: '10068' },
  { queries: ['steak', 'beef steak', 'sirloin steak'], id: '13930' },
  { queries: ['tuna', 'canned tuna', 'tuna in water'], id: '15121' },
  { queries: ['shrimp', 'prawns', 'cooked shrimp'], id: '15151' },
  { queries: ['bacon'], id: '10862' },
  { queries: ['tofu'], id: '16426' },
  { queries: ['cottage cheese'], id: '01012' },
  { queries: ['sweet potato', 'sweet potatoes'], id: '11508' },
  { queries: ['mashed potatoes', 'mashed potato'], id: '11657' },
  { queries: ['french fries', 'fries', 'chips'], id: '21138' },
];
