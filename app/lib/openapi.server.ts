import { z } from 'zod';
import * as out from '#app/schemas/api.ts';
import { budgetSchema, filingSchema, grantApproveSchema, grantPaySchema, grantRejectSchema, grantSubmitSchema, withdrawSchema } from '#app/schemas/grants.server.ts';
import { contractCreateSchema, contractPatchSchema, manualPaymentSchema, reasonOnlySchema, registerSchema } from '#app/schemas/contracts.server.ts';
import { resultCreateSchema, resultPatchSchema } from '#app/schemas/results.server.ts';
import { demandCreateSchema, demandListQuery, demandPatchSchema, demandSearchSchema, followupSchema, matchesQuery } from '#app/schemas/demands.server.ts';
import { conversationStatusSchema, inquiryCreateSchema, inviteAgencySchema, messageSchema, notificationsReadSchema, savedSearchCreateSchema } from '#app/schemas/conversations.server.ts';
import { resultSearchSchema } from '#search/query.ts';
import { MAX_DOCUMENT_BYTES } from '#domain/documents/rules.ts';
import { auditQuerySchema } from '#app/schemas/audit.server.ts';
import { notificationPreferencesOut, notificationPreferencesSchema } from '#app/schemas/notification-preferences.server.ts';
import { MONEY_RECORDS, MONEY_STANDINGS, type MoneyRecordKind, type MoneyStanding } from '#domain/payments/money-records.ts';
import { RATE_LIMITS, limitOf, type RateLimitBucket } from '#app/lib/rate-limit.server.ts';
import { acceptInviteSchema, inviteSchema, orgListQuery, orgUpdateSchema, reasonSchema, signupSchema } from '#app/schemas/accounts.server.ts';
import { apiLoginSchema, apiReauthSchema, forgotPasswordSchema, resetPasswordSchema } from '#app/schemas/mfa.server.ts';

type Operation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: 'none' | 'bearer';
  body?: z.ZodType;
  /** A multipart/form-data body instead (document uploads): its JSON Schema. */
  form?: Record<string, unknown>;
  query?: z.ZodObject;
  ok: { status: number; schema?: z.ZodType; description?: string };
  errors: number[];
  /** Longer text for the operation; money records and rate limits fill it in from their rules. */
  description?: string;
  /** Error responses that say more than the generic text (who may, which limit). */
  errorText?: Partial<Record<number, string>>;
  /** The rate limit this operation counts against: adds its 429 with the limits in force. */
  rateLimit?: RateLimitBucket;
  /** The money fact this operation records (docs/money-records.md): says who may, and who reads (403). */
  moneyRecord?: MoneyRecordKind | MoneyRecordKind[];
};

const standingName: Record<MoneyStanding, string> = { seller: 'the seller', buyer: 'the buyer', agency: 'the broker agency', bureau: 'the bureau' };

/** The matrix of docs/money-records.md, as the operation recording a fact says it. */
function moneyRecordText(kinds: MoneyRecordKind[]): string {
  const recorders: MoneyStanding[] = [...new Set(kinds.map((k) => MONEY_RECORDS[k].recordedBy))];
  const readers = MONEY_STANDINGS.filter((s) => !recorders.includes(s));
  return `Recorded only by ${recorders.map((r) => standingName[r]).join(' or ')}; ${readers.map((r) => standingName[r]).join(', ')} read it (403 if they try). Anyone outside the contract: 404. See docs/money-records.md.`;
}

/** The limits in force (RATE_LIMITS × RATE_LIMIT_FACTOR), as a 429 response describes them. */
function rateLimitText(bucket: RateLimitBucket): string {
  const w = RATE_LIMITS[bucket].windowSeconds;
  const window = w % 3600 === 0 ? `${w / 3600} h` : w % 60 === 0 ? `${w / 60} min` : `${w} s`;
  const account = bucket === 'signup' || bucket === 'password_reset' ? 'e-mail address' : 'account';
  return `Rate limited (${bucket}): at most ${limitOf(bucket, 'perIp')} per client address and ${limitOf(bucket, 'perAccount')} per ${account} in a fixed ${window} window; the Retry-After header gives the seconds to wait.`;
}

/** What signup answers, registered address or not. */
const signupReceivedOut = z.object({ status: z.literal('received'), message: z.string() });

/** Every public endpoint, with the very schemas the routes validate with. */
export const operations: Operation[] = [
  {
    method: 'post',
    path: '/auth/signup',
    summary: 'Register an organisation and its first user (status pending)',
    description:
      'Answers 202 with the same body whether or not the e-mail address already has an account, so it never tells who is registered: a new address gets a welcome e-mail and can log in; a registered one gets an e-mail telling its owner someone tried, and nothing is created. The organisation name is normalised (NFKC, trimmed, inner spaces collapsed); control, bidi and zero-width characters are refused (400 on orgName).',
    tag: 'Accounts',
    auth: 'none',
    body: signupSchema,
    ok: { status: 202, schema: signupReceivedOut, description: 'Received: see the e-mail sent to the address' },
    errors: [400, 409, 413],
    errorText: { 409: 'The credit code is registered, or the name is a verified organisation’s (field messages on creditCode / orgName)' },
    rateLimit: 'signup',
  },
  { method: 'post', path: '/auth/login', summary: 'Log in; returns a bearer token. Bureau users also send `totp` (401 with a `totp` field without it; 403 until they set up TOTP on the web); their tokens last 12 hours', tag: 'Accounts', auth: 'none', body: apiLoginSchema, ok: { status: 200, schema: out.loginOut }, errors: [400, 401, 403, 429] },
  { method: 'post', path: '/auth/reauth', summary: 'Re-authenticate the bearer token (password + TOTP): approving or paying a grant over ¥100,000 needs one within the last 10 minutes (else 403 with a `reauth` field)', tag: 'Accounts', auth: 'bearer', body: apiReauthSchema, ok: { status: 204, description: 'Re-authenticated' }, errors: [400, 401, 429] },
  { method: 'post', path: '/auth/password-reset', summary: 'E-mail a single-use reset link (30 minutes); the same 202 whether or not the account exists', tag: 'Accounts', auth: 'none', body: forgotPasswordSchema, ok: { status: 202, schema: z.object({ message: z.string() }) }, errors: [400, 429] },
  { method: 'post', path: '/auth/password-reset/confirm', summary: 'Set a new password with the e-mailed token (once); every session and API token of the account ends', tag: 'Accounts', auth: 'none', body: resetPasswordSchema, ok: { status: 204, description: 'Password reset' }, errors: [400, 404] },
  { method: 'post', path: '/auth/logout', summary: 'Revoke the bearer token used for this request', tag: 'Accounts', auth: 'bearer', ok: { status: 204, description: 'Revoked' }, errors: [401] },
  { method: 'get', path: '/auth/me', summary: 'The current user, organisation and permissions', tag: 'Accounts', auth: 'bearer', ok: { status: 200, schema: out.meOut }, errors: [401] },
  { method: 'get', path: '/auth/tokens', summary: 'The caller’s own API tokens: prefix, created, last used, expiry, state', tag: 'Accounts', auth: 'bearer', ok: { status: 200, schema: out.tokenListOut }, errors: [401] },
  { method: 'delete', path: '/auth/tokens/{id}', summary: 'Revoke one of the caller’s own API tokens', tag: 'Accounts', auth: 'bearer', ok: { status: 204, description: 'Revoked' }, errors: [401, 404] },
  { method: 'get', path: '/organizations', summary: 'List organisations (bureau), e.g. the verification queue', tag: 'Organizations', auth: 'bearer', query: orgListQuery, ok: { status: 200, schema: out.orgListOut }, errors: [400, 401, 403] },
  { method: 'get', path: '/organizations/{id}', summary: 'Public profile', tag: 'Organizations', auth: 'none', ok: { status: 200, schema: out.orgProfileOut }, errors: [404] },
  { method: 'patch', path: '/organizations/{id}', summary: "Edit one's own organisation profile (admin)", tag: 'Organizations', auth: 'bearer', body: orgUpdateSchema, ok: { status: 200, schema: out.orgProfileOut }, errors: [400, 401, 403, 404, 409], description: 'nameEn is normalised like a signup’s name: hidden or direction-changing characters are a 400, a verified organisation’s name a 409.' },
  { method: 'post', path: '/organizations/{id}/verify', summary: 'Verify an organisation (bureau)', tag: 'Organizations', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409] },
  { method: 'post', path: '/organizations/{id}/reject', summary: 'Refuse verification, with a reason (bureau)', tag: 'Organizations', auth: 'bearer', body: reasonSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'get', path: '/organizations/{id}/invitations', summary: 'Invitations of one’s own organisation (admin)', tag: 'Organizations', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404] },
  { method: 'post', path: '/organizations/{id}/invitations', summary: 'Invite a colleague by email (admin)', description: 'Answered the same whether or not the address already has an account; such an address is e-mailed a note instead of the link (an account belongs to one organisation).', tag: 'Organizations', auth: 'bearer', body: inviteSchema, ok: { status: 201, schema: out.invitationOut }, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/results', summary: 'Results of the caller’s organisation', tag: 'Results', auth: 'bearer', ok: { status: 200 }, errors: [400, 401] },
  { method: 'post', path: '/results', summary: 'Create a draft result or patent (verified university, institute or enterprise)', tag: 'Results', auth: 'bearer', body: resultCreateSchema, ok: { status: 201 }, errors: [400, 401, 403, 409] },
  { method: 'get', path: '/results/{id}', summary: 'One result: published ones for anyone, drafts for the owner', tag: 'Results', auth: 'none', ok: { status: 200 }, errors: [404] },
  { method: 'patch', path: '/results/{id}', summary: 'Edit a result (owner)', tag: 'Results', auth: 'bearer', body: resultPatchSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/results/{id}/publish', summary: 'Publish (searchable within 2 s)', tag: 'Results', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409] },
  { method: 'post', path: '/results/{id}/withdraw', summary: 'Withdraw (leaves the index within 2 s)', tag: 'Results', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409] },
  { method: 'get', path: '/search/results', summary: 'Search published results with facets and highlights', tag: 'Results', auth: 'none', query: resultSearchSchema, ok: { status: 200 }, errors: [400, 503], rateLimit: 'search' },
  { method: 'get', path: '/demands', summary: 'Demands: scope=mine (an enterprise’s own, the default for enterprises), public (published), all (bureau, agencies)', tag: 'Demands', auth: 'bearer', query: demandListQuery, ok: { status: 200 }, errors: [400, 401, 403] },
  { method: 'post', path: '/demands', summary: 'Post a technology demand (verified enterprise): published at once; budget null = 面议', tag: 'Demands', auth: 'bearer', body: demandCreateSchema, ok: { status: 201 }, errors: [400, 401, 403] },
  { method: 'get', path: '/demands/{id}', summary: 'One demand: published ones to anyone signed in; closed and expired ones to the owner, agencies and the bureau', tag: 'Demands', auth: 'bearer', ok: { status: 200 }, errors: [401, 404] },
  { method: 'patch', path: '/demands/{id}', summary: 'Edit a published demand (owner)', tag: 'Demands', auth: 'bearer', body: demandPatchSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/demands/{id}/close', summary: 'Close a demand (owner); it leaves the index within 2 s', tag: 'Demands', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409] },
  { method: 'get', path: '/demands/{id}/matches', summary: 'Ranked results for a demand, each with a score 0–1 and reasons (the enterprise, agencies, bureau)', tag: 'Demands', auth: 'bearer', query: matchesQuery, ok: { status: 200 }, errors: [400, 401, 403, 404, 503], rateLimit: 'matching' },
  { method: 'post', path: '/demands/{id}/take', summary: 'Take a published demand on (verified agency; one agency per demand)', tag: 'Demands', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409] },
  { method: 'get', path: '/demands/{id}/followups', summary: 'Follow-ups: the bureau sees all, an agency its own', tag: 'Demands', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404] },
  { method: 'post', path: '/demands/{id}/followups', summary: 'Record a follow-up (the agency that took the demand on)', tag: 'Demands', auth: 'bearer', body: followupSchema, ok: { status: 201 }, errors: [400, 401, 403, 404, 409] },
  { method: 'get', path: '/results/{id}/matches', summary: 'Ranked published demands for a result, with scores and reasons (the owner or holder, agencies, bureau)', tag: 'Demands', auth: 'bearer', query: matchesQuery, ok: { status: 200 }, errors: [400, 401, 403, 404, 503], rateLimit: 'matching' },
  { method: 'get', path: '/search/demands', summary: 'Search published demands (signed in), with facets and highlights', tag: 'Demands', auth: 'bearer', query: demandSearchSchema, ok: { status: 200 }, errors: [400, 401, 503], rateLimit: 'search' },
  { method: 'get', path: '/contracts', summary: 'Contracts the caller is party or broker to (bureau: all)', tag: 'Contracts', auth: 'bearer', ok: { status: 200 }, errors: [400, 401] },
  { method: 'post', path: '/contracts', summary: 'Draft a technology contract (a party or the broker)', tag: 'Contracts', auth: 'bearer', body: contractCreateSchema, ok: { status: 201 }, errors: [400, 401, 403, 422], errorText: { 422: 'Refused by a business rule, e.g. resultId: a transfer’s seller must hold the result; any other kind may name a published result or one of the parties’ own, never another organisation’s unpublished one' } },
  { method: 'get', path: '/contracts/{id}', summary: 'One contract (parties, broker, bureau)', tag: 'Contracts', auth: 'bearer', ok: { status: 200 }, errors: [401, 404] },
  { method: 'patch', path: '/contracts/{id}', summary: 'Edit a draft; clears both confirmations', tag: 'Contracts', auth: 'bearer', body: contractPatchSchema, ok: { status: 200 }, errors: [400, 401, 404, 409, 422] },
  { method: 'post', path: '/contracts/{id}/confirm', summary: 'Confirm the draft as it stands (seller or buyer)', tag: 'Contracts', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409] },
  { method: 'post', path: '/contracts/{id}/submit', summary: 'Ask for registration, once both confirmed', tag: 'Contracts', auth: 'bearer', ok: { status: 200 }, errors: [401, 404, 409, 422] },
  { method: 'post', path: '/contracts/{id}/register', summary: 'Certify (bureau): returns registrationNo; 422 signed_contract_missing until a party has uploaded the signed contract (POST /contracts/{id}/documents)', tag: 'Contracts', auth: 'bearer', body: registerSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409, 422] },
  { method: 'post', path: '/contracts/{id}/return', summary: 'Return a submitted contract with a reason (bureau)', tag: 'Contracts', auth: 'bearer', body: reasonOnlySchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/contracts/{id}/revoke', summary: 'Revoke a registration with a reason (bureau)', tag: 'Contracts', auth: 'bearer', body: reasonOnlySchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/contracts/{id}/terminate', summary: 'Record a termination with a reason (bureau)', tag: 'Contracts', auth: 'bearer', body: reasonOnlySchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/contracts/{id}/amend', summary: 'Start an amendment of a registered contract: a new draft version, registered again to supersede it', tag: 'Contracts', auth: 'bearer', ok: { status: 201 }, errors: [401, 404, 409] },
  { method: 'post', path: '/contracts/{id}/instalments/{seq}/checkout', summary: 'The buyer pays an instalment: a Stripe Checkout URL (CNY). Takes Idempotency-Key', tag: 'Payments', auth: 'bearer', ok: { status: 201 }, errors: [400, 401, 403, 404, 409, 422, 503] },
  { method: 'post', path: '/contracts/{id}/instalments/{seq}/payments', summary: 'The seller records a bank transfer (paid) or reverses it. Takes Idempotency-Key', tag: 'Payments', auth: 'bearer', body: manualPaymentSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409], moneyRecord: ['instalment.bank_transfer', 'instalment.reversal'] },
  { method: 'post', path: '/contracts/{id}/instalments/{seq}/refund', summary: 'The seller refunds a Stripe payment; reversed when Stripe reports it', tag: 'Payments', auth: 'bearer', body: reasonOnlySchema, ok: { status: 202 }, errors: [400, 401, 403, 404, 409, 503], moneyRecord: 'instalment.refund' },
  { method: 'post', path: '/payments/stripe/webhook', summary: 'Stripe events: signature checked on the raw body, stored once by event id, processed by a job', tag: 'Payments', auth: 'none', ok: { status: 200 }, errors: [400, 413] },
  { method: 'post', path: '/inquiries', summary: 'Open a conversation on a published result (enterprise) or demand (university, institute): 201; one already open on that listing is answered with 200', tag: 'Conversations', auth: 'bearer', body: inquiryCreateSchema, ok: { status: 201 }, errors: [400, 401, 403, 404, 422] },
  { method: 'get', path: '/conversations', summary: 'Conversations the caller’s organisation takes part in (?status=), with unread counts', tag: 'Conversations', auth: 'bearer', ok: { status: 200 }, errors: [400, 401] },
  { method: 'get', path: '/conversations/close-reasons', summary: 'Why conversations on the caller’s listings ended: counts per reason and per listing', tag: 'Conversations', auth: 'bearer', ok: { status: 200 }, errors: [401] },
  { method: 'get', path: '/conversations/{id}', summary: 'One conversation with its messages (participants only)', tag: 'Conversations', auth: 'bearer', ok: { status: 200 }, errors: [401, 404] },
  { method: 'post', path: '/conversations/{id}/messages', summary: 'Write a message (plain text, at most 4000 characters); the owner’s first reply moves it to negotiating', tag: 'Conversations', auth: 'bearer', body: messageSchema, ok: { status: 201 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/conversations/{id}/invite', summary: 'The owner or the initiator invites a verified agency', tag: 'Conversations', auth: 'bearer', body: inviteAgencySchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409, 422] },
  { method: 'post', path: '/conversations/{id}/status', summary: 'negotiating, contract_drafted (answers the prefilled contract wizard as next) or closed with a reason', tag: 'Conversations', auth: 'bearer', body: conversationStatusSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/conversations/{id}/read', summary: 'Mark the conversation read for the caller’s organisation', tag: 'Conversations', auth: 'bearer', ok: { status: 204, description: 'Read' }, errors: [401, 404] },
  { method: 'get', path: '/notifications', summary: 'The caller’s notifications with the unread count (?unread=true)', tag: 'Notifications', auth: 'bearer', ok: { status: 200 }, errors: [400, 401] },
  { method: 'post', path: '/notifications/read', summary: 'Mark notifications read: {ids} or {all: true}', tag: 'Notifications', auth: 'bearer', body: notificationsReadSchema, ok: { status: 200 }, errors: [400, 401] },
  { method: 'get', path: '/notifications/preferences', summary: 'The caller’s own choice per notification kind: in-app only (email false) or e-mail too; and the e-mails always sent', tag: 'Notifications', auth: 'bearer', ok: { status: 200, schema: notificationPreferencesOut }, errors: [401] },
  { method: 'put', path: '/notifications/preferences', summary: 'Set the caller’s own choices, {email: {kind: true|false}}; kinds left out keep theirs; an unknown or always-mailed kind is a 400 and nothing is saved', tag: 'Notifications', auth: 'bearer', body: notificationPreferencesSchema, ok: { status: 200, schema: notificationPreferencesOut }, errors: [400, 401] },
  { method: 'get', path: '/saved-searches', summary: 'The caller’s saved searches and match watches', tag: 'Notifications', auth: 'bearer', ok: { status: 200 }, errors: [401] },
  { method: 'post', path: '/saved-searches', summary: 'Save a result or demand search, or watch a demand’s or result’s new matches; what exists now counts as seen; new hits arrive as notifications and e-mail', tag: 'Notifications', auth: 'bearer', body: savedSearchCreateSchema, ok: { status: 201 }, errors: [400, 401, 403, 404, 422, 503], description: 'A watch of matches is allowed exactly to those who may GET the matches (403 otherwise), and is checked again at each run. Saving runs the search (rate limit search) or the matching (rate limit matching) once.', rateLimit: 'matching' },
  { method: 'delete', path: '/saved-searches/{id}', summary: 'Delete one of the caller’s saved searches', tag: 'Notifications', auth: 'bearer', ok: { status: 204, description: 'Deleted' }, errors: [401, 404] },
  { method: 'get', path: '/grants', summary: 'Grants: the bureau all (year, clause, status, county, recipientOrgId filters); an organisation its own', tag: 'Grants', auth: 'bearer', ok: { status: 200 }, errors: [400, 401, 403] },
  { method: 'get', path: '/grants/{id}', summary: 'One grant with its contracts, arithmetic and adjustments', tag: 'Grants', auth: 'bearer', ok: { status: 200 }, errors: [401, 404] },
  { method: 'post', path: '/grants/{id}/submit', summary: 'The recipient applies (or, under 免申即享, confirms its bank account)', tag: 'Grants', auth: 'bearer', body: grantSubmitSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409, 422], errorText: { 422: 'Refused by a business rule, e.g. no bank account given or on file (field bankAccount)' } },
  { method: 'post', path: '/grants/{id}/approve', summary: 'Approve for at most the computed amount; less needs a reason (bureau)', tag: 'Grants', auth: 'bearer', body: grantApproveSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409, 422] },
  { method: 'post', path: '/grants/{id}/reject', summary: 'Reject with a reason (bureau)', tag: 'Grants', auth: 'bearer', body: grantRejectSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'post', path: '/grants/{id}/pay', summary: 'Record the payment of an approved grant; not by its approver (bureau)', tag: 'Grants', auth: 'bearer', body: grantPaySchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409] },
  { method: 'get', path: '/grants/export', summary: 'A year of grants as CSV or .xlsx (?year=&format=csv|xlsx, bureau)', tag: 'Grants', auth: 'bearer', ok: { status: 200 }, errors: [400, 401, 403], rateLimit: 'export' },
  { method: 'get', path: '/grants/budgets/{year}', summary: 'The year’s budget with approved and paid totals (bureau)', tag: 'Grants', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404] },
  { method: 'put', path: '/grants/budgets/{year}', summary: 'Set the year’s budget (bureau)', tag: 'Grants', auth: 'bearer', body: budgetSchema, ok: { status: 200 }, errors: [400, 401, 403] },
  { method: 'post', path: '/agencies/{orgId}/filings', summary: 'Record an agency filing (bureau); its awards are recomputed', tag: 'Grants', auth: 'bearer', body: filingSchema, ok: { status: 201 }, errors: [400, 401, 403, 404, 422] },
  { method: 'get', path: '/policies', summary: 'Policy versions with every parameter (bureau)', tag: 'Grants', auth: 'bearer', ok: { status: 200 }, errors: [401, 403] },
  { method: 'post', path: '/policies', summary: 'A new policy version, in force from its effectiveFrom (bureau)', tag: 'Grants', auth: 'bearer', ok: { status: 201 }, errors: [400, 401, 403, 409, 422] },
  { method: 'post', path: '/policies/{id}/withdraw', summary: 'Withdraw a policy version from a date (bureau)', tag: 'Grants', auth: 'bearer', body: withdrawSchema, ok: { status: 200 }, errors: [400, 401, 403, 404, 409, 422] },
  { method: 'get', path: '/jobs/dead', summary: 'Jobs that used up their attempts (bureau)', tag: 'Jobs', auth: 'bearer', ok: { status: 200 }, errors: [401, 403] },
  { method: 'post', path: '/jobs/dead', summary: 'Retry a dead job {id} (bureau)', tag: 'Jobs', auth: 'bearer', ok: { status: 200 }, errors: [400, 401, 403, 404] },
  { method: 'get', path: '/audit', summary: 'The audit log, newest first: actor (e-mail part), org (name part or credit code), action, from/to (city dates); each row with seq, prevHash-chained hash (bureau)', tag: 'Audit', auth: 'bearer', query: auditQuerySchema, ok: { status: 200 }, errors: [400, 401, 403] },
  { method: 'get', path: '/commissions', summary: 'An agency’s commissions with totals by year and status (format=csv exports)', description: 'format=csv counts against the export rate limit.', tag: 'Commissions', auth: 'bearer', ok: { status: 200 }, errors: [400, 401, 403, 404], rateLimit: 'export' },
  { method: 'post', path: '/commissions/{id}/invoiced', summary: 'The agency records its invoice', tag: 'Commissions', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409], moneyRecord: 'commission.invoiced' },
  { method: 'post', path: '/commissions/{id}/paid', summary: 'The agency records the payment received', tag: 'Commissions', auth: 'bearer', ok: { status: 200 }, errors: [401, 403, 404, 409], moneyRecord: 'commission.paid' },
  ...documentOperations(),
  { method: 'post', path: '/invitations/accept', summary: 'Accept an invitation: creates the user', tag: 'Organizations', auth: 'none', body: acceptInviteSchema, ok: { status: 201 }, errors: [400, 404, 409] },
];

/** Brochures, images, signed contracts, bank certificates (app/services/documents.server.ts). */
function documentOperations(): Operation[] {
  const upload = (purposes: string) => ({
    type: 'object',
    required: ['purpose', 'file'],
    properties: { purpose: { type: 'string', enum: purposes.split(',') }, file: { type: 'string', format: 'binary', description: `≤ ${MAX_DOCUMENT_BYTES} bytes; the kind is read from the content; the name may not hold / \\ .. or control characters` } },
    description: 'Fields in this order: purpose, then file (the last part).',
  });
  const subjects = [
    ['results', 'result', 'brochure,image', 'A listing’s brochure (PDF, one) or images (JPEG/PNG/WebP, up to 8) (the listing’s organisation)'],
    ['contracts', 'contract', 'signed_contract', 'The signed contract text (PDF), which registration requires (a party, before registration)'],
    ['grants', 'grant', 'bank_certificate', 'The bank certificate of the application (PDF/JPEG/PNG) (the recipient, before the decision)'],
  ] as const;
  return [
    ...subjects.flatMap(([path, tag, purposes, summary]): Operation[] => [
      { method: 'get', path: `/${path}/{id}/documents`, summary: `The ${tag}’s documents, for those who may see it`, tag: 'Documents', auth: 'bearer', ok: { status: 200 }, errors: [401, 404] },
      { method: 'post', path: `/${path}/{id}/documents`, summary, tag: 'Documents', auth: 'bearer', form: upload(purposes), ok: { status: 201 }, errors: [400, 401, 403, 404, 409, 413, 422] },
    ]),
    { method: 'get', path: '/documents/{id}', summary: 'The file, with its stored type, Content-Disposition and nosniff (who may see its subject)', tag: 'Documents', auth: 'bearer', ok: { status: 200, description: 'The file' }, errors: [404] },
    { method: 'delete', path: '/documents/{id}', summary: 'Delete a document (the uploading side; not once the contract is registered or the grant decided)', tag: 'Documents', auth: 'bearer', ok: { status: 204, description: 'Deleted' }, errors: [401, 403, 404, 409] },
  ];
}

const statusText: Record<number, string> = {
  400: 'Invalid input: a message per field',
  401: 'No valid token',
  403: 'Role or organisation may not do this',
  404: 'Not found (or not yours)',
  409: 'State conflict or duplicate',
  413: 'Body too large',
  422: 'Refused by a business rule',
  429: 'Rate limited',
  503: 'Search temporarily unavailable',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' });
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }));
    const query = op.query
      ? Object.entries(op.query.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: jsonSchema(s as z.ZodType, 'input') }))
      : [];
    const responses: Record<string, unknown> = {
      [op.ok.status]: op.ok.schema
        ? { description: op.ok.description ?? 'OK', content: { 'application/json': { schema: jsonSchema(op.ok.schema, 'output') } } }
        : { description: op.ok.description ?? 'OK' },
    };
    const money = op.moneyRecord ? moneyRecordText([op.moneyRecord].flat()) : undefined;
    const errorText: Partial<Record<number, string>> = { ...op.errorText, ...(money ? { 403: `Not the one who records this: ${money}` } : {}), ...(op.rateLimit ? { 429: rateLimitText(op.rateLimit) } : {}) };
    for (const s of [...new Set([...op.errors, ...(op.rateLimit ? [429] : [])])]) {
      responses[s] = { description: errorText[s] ?? statusText[s] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const description = [op.description, money, op.rateLimit ? rateLimitText(op.rateLimit) : undefined].filter(Boolean).join(' ');
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(description ? { description } : {}),
      tags: [op.tag],
      ...(op.auth === 'bearer' ? { security: [{ bearer: [] }] } : {}),
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      ...(op.form ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: op.form } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '聊城市科技成果转移转化平台 API',
      version: '1.0.0',
      description: 'Money is a string with two decimals; dates are YYYY-MM-DD. Errors: {"error": {"code", "message", "fields"}}. Lists: ?page=&pageSize= (max 100).',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: jsonSchema(out.errorResponse, 'output') },
    },
    paths,
  };
}
