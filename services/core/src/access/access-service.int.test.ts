import { ManualClock } from '../clock/clock.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-backends.js';
import { AccessService } from './access-service.js';
import type { User } from './access-types.js';

describe('AccessService', () => {
  let database: TestDatabase;
  let access: AccessService;
  const clock = new ManualClock('2026-05-01T10:00:00Z');
  let memberTelegramId = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    access = new AccessService({ db: database.db, clock, adminTelegramIds: [999] });
  });
  afterAll(() => database.cleanup());

  it('when there is no admin yet, then bootstrap creates one with an admin key, once', async () => {
    const first = await access.bootstrapAdmin();
    expect(first).toBeDefined();
    expect(await access.authenticateApiKey(first?.key)).toMatchObject({
      userId: first?.user.id,
      scope: 'admin',
    });
    expect(await access.bootstrapAdmin()).toBeUndefined();
  });

  it('when a key expires or its user is blocked, then it no longer authenticates', async () => {
    const user = await access.createUser({ displayName: 'Temp' });
    const { key } = await access.createApiKey(user.id, { expiresAt: new Date('2026-05-01T11:00:00Z') });
    await expect(access.authenticateApiKey(key)).resolves.toMatchObject({ userId: user.id });
    clock.advance(2 * 3600_000);
    await expect(access.authenticateApiKey(key)).rejects.toMatchObject({ code: 'unauthorized' });
    const other = await access.createApiKey(user.id);
    await database.db('users').where({ id: user.id }).update({ status: 'blocked' });
    await expect(access.authenticateApiKey(other.key)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(access.createApiKey(user.id, { expiresAt: new Date('2000-01-01') })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('when a plain user asks for an admin key, then it is forbidden', async () => {
    const user = await access.createUser({ displayName: 'Plain' });
    await expect(access.createApiKey(user.id, { scope: 'admin' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('when a two-use invite is redeemed concurrently by five people, then exactly two get in', async () => {
    const { code } = await access.createInvite(null, { maxUses: 2 });
    const attempts = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) =>
        access.redeemInvite(code.toLowerCase(), { telegramId: 1000 + n, displayName: `T${n}` }),
      ),
    );
    const admitted = attempts.filter((a): a is PromiseFulfilledResult<User> => a.status === 'fulfilled');
    expect(admitted).toHaveLength(2);
    memberTelegramId = admitted[0]?.value.telegramId as number;
    const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(rejected.every((a) => a.reason.code === 'forbidden')).toBe(true);
    const invites = await access.listInvites();
    expect(invites[0]?.usedCount).toBe(2);
  });

  it('when an invite is expired or revoked, then it admits nobody; an existing member redeems without using it', async () => {
    const expired = await access.createInvite(null, { expiresAt: new Date('2026-05-01T12:30:00Z') });
    clock.advance(3600_000);
    await expect(
      access.redeemInvite(expired.code, { telegramId: 2001, displayName: 'Late' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const revoked = await access.createInvite(null);
    await access.revokeInvite(revoked.invite.id);
    await expect(access.revokeInvite(revoked.invite.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      access.redeemInvite(revoked.code, { telegramId: 2002, displayName: 'X' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const member = await access.redeemInvite('anything', { telegramId: memberTelegramId, displayName: 'T1' });
    expect(member.telegramId).toBe(memberTelegramId);
  });

  it('when Telegram users arrive, then admins and allow-listed ids are admitted and others are not', async () => {
    expect(await access.admitTelegramUser({ telegramId: 3001, displayName: 'Stranger' })).toBeUndefined();
    await access.allowTelegramId(3001, 'friend', null);
    expect((await access.admitTelegramUser({ telegramId: 3001, displayName: 'Stranger' }))?.role).toBe(
      'user',
    );
    expect((await access.admitTelegramUser({ telegramId: 999, displayName: '' }))?.role).toBe('admin');
    expect(await access.listAllowedTelegramIds()).toEqual([
      expect.objectContaining({ telegramId: 3001, note: 'friend' }),
    ]);
    await access.disallowTelegramId(3001);
    await expect(access.disallowTelegramId(3001)).rejects.toMatchObject({ code: 'not_found' });
    await expect(access.allowTelegramId(-5, '', null)).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('when users are listed or looked up, then paging works and unknown ids are not found', async () => {
    expect((await access.listUsers({ limit: 2, offset: 0 })).length).toBe(2);
    await expect(access.getUser('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(access.createUser({ displayName: '   ' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
