-- Reserved for market views (this session).
SELECT 1;
