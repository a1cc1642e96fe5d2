import { startTestApi, type TestApi, type TestUser } from '../testing/test-api.js';

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

describe('profile routes', () => {
  let t: TestApi;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await startTestApi();
    alice = await t.createUser();
    bob = await t.createUser();
  });
  afterAll(() => t.close());

  it('when a profile is updated, then the values are stored metric and shown in the chosen units', async () => {
    const result = await t.call<Record<string, unknown>>('PATCH', '/v1/users/me/profile', {
      key: alice.key,
      body: {
        timezone: 'America/New_York',
        units: 'imperial',
        heightCm: 175,
        goalWeightKg: 70,
        dayStartHour: 4,
        allergies: ['peanuts 🥜'],
      },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      timezone: 'America/New_York',
      heightCm: 175,
      dayStartHour: 4,
      allergies: ['peanuts 🥜'],
      display: { height: '5 ft 9 in', goalWeight: '154.3 lb' },
    });
  });

  it('when the timezone is not an IANA zone or a value is absurd, then the 400 names it', async () => {
    const result = await t.call<ErrorBody>('PATCH', '/v1/users/me/profile', {
      key: alice.key,
      body: { timezone: 'Mars/Olympus', heightCm: 9000, dayStartHour: -1 },
    });
    expect(result.status).toBe(400);
    const paths = (result.body.error.details as Array<{ path: string }>).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['body.timezone', 'body.heightCm', 'body.dayStartHour']));
  });

  it('when goals are set for a safe plan, then Mifflin-St Jeor x activity and the weekly rate give the daily target', async () => {
    await t.call('PATCH', '/v1/users/me/profile', {
      key: bob.key,
      body: { sex: 'male', birthDate: '1990-01-01', heightCm: 180, activityLevel: 'moderate' },
    });
    const result = await t.call<{
      goals: { dailyKcal: number; bmrKcal: number };
      profile: { dailyKcalGoal: number };
    }>('PUT', '/v1/users/me/goals', { key: bob.key, body: { weeklyRateKg: -0.5, weightKg: 85 } });
    expect(result.status).toBe(200);
    // BMR at 36: 10*85 + 6.25*180 - 5*36 + 5 = 1800; x1.55 = 2790; -0.5 kg/week = -550/day.
    expect(result.body.goals.bmrKcal).toBe(1800);
    expect(result.body.goals.dailyKcal).toBe(2240);
    expect(result.body.profile.dailyKcalGoal).toBe(2240);
  });

  it('when a plan is unsafe, then it is refused with the reason', async () => {
    const tooFast = await t.call<ErrorBody>('PUT', '/v1/users/me/goals', {
      key: bob.key,
      body: { weeklyRateKg: -1.5, weightKg: 85 },
    });
    expect(tooFast.status).toBe(400);
    expect(tooFast.body.error.message).toMatch(/safe minimum of 1500 kcal|faster than 1%/);
  });

  it('when goals lack body data, then the error lists what is missing', async () => {
    const result = await t.call<ErrorBody>('PUT', '/v1/users/me/goals', {
      key: alice.key,
      body: { weeklyRateKg: -0.25 },
    });
    expect(result.status).toBe(400);
    const paths = (result.body.error.details as Array<{ path: string }>).map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['sex', 'birthDate', 'activityLevel', 'weightKg']));
  });

  it("when a user changes another user's profile, then it is a 404 and nothing changes", async () => {
    const result = await t.call('PATCH', `/v1/users/${bob.userId}/profile`, {
      key: alice.key,
      body: { timezone: 'UTC' },
    });
    expect(result.status).toBe(404);
    const bobProfile = await t.services.profiles.getProfile(bob.userId);
    expect(bobProfile.sex).toBe('male');
  });
});
