/** Version of the notice text; bump it whenever the text changes so clients can show what is new. */
export const PRIVACY_NOTICE_VERSION = '2026-11-26';

/**
 * What the product stores, where, for how long, the user's rights, and that it is
 * not medical advice. Served by GET /v1/privacy and shown by the bot.
 */
export const PRIVACY_NOTICE = `Health Agent: privacy notice and medical disclaimer

WHAT WE STORE
- Your account: your Telegram id (when you use Telegram), a display name, your role, and hashed API keys (never the keys themselves).
- Your profile: name, time zone, units, day-start hour, and what you choose to tell us for energy goals (sex, birth date, height, activity level, goal weight and rate), diet, allergies, conditions and preferences.
- What you log: food entries with their items and nutrients, water, weight, sleep, exercise, mood, steps, medication, custom trackers and their entries, reminders and what you did with them.
- Progress: XP, levels, streaks, achievements and challenges.
- Memory: facts you or the assistant saved about you (profile, preferences, goals, conditions, habits), and your recent conversation with the assistant (the newest 1,000 messages by default; older ones are deleted automatically).
- Tool runs: the inputs and outputs of tools the assistant ran for you.
- An audit trail of sensitive actions (exports, deletions, tool approvals and runs): who did what and when, without the content of your data.

WHERE IT IS STORED
Everything lives in the PostgreSQL database of the people who run this installation (in the embedded setup, in a folder on their machine). Nothing is sold or shared for advertising. When the operator has configured them, parts of your messages and photos are sent to an LLM or vision provider to answer you, and food names or barcodes are looked up at USDA FoodData Central or Open Food Facts; without that configuration nothing leaves the installation.

HOW LONG
Your data is kept until you delete it or your account is deleted. Conversation messages beyond the per-user limit are removed as new ones arrive. The audit trail is kept after an account is deleted, because it must show that the deletion happened; it holds ids and actions, not your logged data.

YOUR RIGHTS
- Export: download everything stored about you as JSON, and your food diary as CSV (GET /v1/users/{userId}/export and /v1/users/{userId}/export/food.csv, or ask the bot).
- Forget: delete single memories or all of them at any time.
- Delete: delete your account and everything of yours in one step (DELETE /v1/users/{userId} with confirm set to your user id, or ask the bot). This cannot be undone.
- Ask the operator of this installation about anything this notice does not answer.

NOT MEDICAL ADVICE
Health Agent is a logging and coaching tool, not a medical device. Its numbers (calories, nutrients, energy goals) are estimates from public food tables and standard formulas and can be wrong for you. It does not diagnose, treat or prevent any condition, and it does not replace a doctor, dietitian or other professional: ask one before changing your diet, medication or exercise, especially if you are pregnant, have an eating disorder, diabetes, kidney or heart disease, or take medication.

NOT FOR EMERGENCIES
Do not use Health Agent in an emergency. If you or someone else may be in danger, call your local emergency number (112 in the EU, 911 in the US) now.
`;
