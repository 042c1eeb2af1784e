-- Reserved for registration 2026 (this session).
SELECT 1;
