/**
 * The TOTP secret of the demo bureau accounts: a demo-only credential like DEMO_PASSWORD,
 * printed by `npm start` and used by the end-to-end tests. Seeded only with the demo data
 * (SEED_DEMO), never by `user:create`: a real bureau user enrols their own authenticator.
 */
export const DEMO_TOTP_SECRET = 'KQHYDYYN2DZPHINOJHE3PFQAMWVSKMVB';
