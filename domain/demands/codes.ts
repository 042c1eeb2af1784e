/** Code lists of demands and conversations; labels live in i18n (`demand.status.<code>`, …). */
export const DEMAND_STATUSES = ['published', 'closed', 'expired'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const CONVERSATION_STATUSES = ['open', 'negotiating', 'contract_drafted', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** Why a conversation ended without a deal: the owner sees these summed over its listings. */
export const CLOSE_REASONS = ['too_early', 'price', 'benefit_unclear', 'route_unclear', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const PARTICIPANT_ROLES = ['initiator', 'counterpart', 'agency'] as const;

export const SAVED_SEARCH_KINDS = ['results', 'demands', 'demand_matches', 'result_matches'] as const;
export type SavedSearchKind = (typeof SAVED_SEARCH_KINDS)[number];

/** A message body's upper bound, in characters. */
export const MESSAGE_MAX_CHARS = 4_000;
