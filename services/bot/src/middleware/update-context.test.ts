import type { Update } from 'grammy/types';
import { updateTypeOf } from './update-context.js';

describe('updateTypeOf', () => {
  it('when an update arrives, then its kind becomes a bounded label', () => {
    expect(updateTypeOf({ update_id: 1, message: {} } as Update)).toBe('message');
    expect(updateTypeOf({ update_id: 1, callback_query: {} } as Update)).toBe('callback_query');
    expect(updateTypeOf({ update_id: 1, business_message: {} } as unknown as Update)).toBe('other');
    expect(updateTypeOf({ update_id: 1 } as Update)).toBe('other');
  });
});
