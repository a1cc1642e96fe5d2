import { z } from 'zod';
import { challengeKinds, maxChallengeAmount } from './challenge-rules.js';

// Control characters would garble chat replies; everything else (unicode, emoji) is welcome.
const hasControlCharacters = (text: string) => /\p{Cc}/u.test(text);

const amount = z
  .number()
  .positive()
  .max(maxChallengeAmount)
  .transform((value) => Math.round(value * 100) / 100)
  .refine((value) => value > 0, { message: 'must be at least 0.01' });

export const startChallengeSchema = z
  .object({
    kind: z.enum(challengeKinds),
    title: z
      .string()
      .transform((title) => title.normalize('NFC').trim())
      .pipe(z.string().min(1).max(200))
      .refine((title) => !hasControlCharacters(title), { message: 'must not contain control characters' })
      .describe('1-200 characters after trimming; unicode and emoji welcome, control characters not'),
    target: amount,
    /** When the challenge ends (exclusive); open-ended when left out. */
    endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();

export type StartChallengeInput = z.input<typeof startChallengeSchema>;

export const challengeProgressSchema = z.object({ amount }).strict();

export type ChallengeProgressInput = z.input<typeof challengeProgressSchema>;

export const challengeListQuerySchema = z
  .object({
    status: z.enum(['active', 'completed', 'abandoned']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export type ChallengeListQuery = z.input<typeof challengeListQuerySchema>;

export const xpEventsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** Only events before this instant: pass the last page's oldest createdAt to page back. */
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export type XpEventsQuery = z.input<typeof xpEventsQuerySchema>;

export function validationIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
