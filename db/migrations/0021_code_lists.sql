-- Reserved for code lists (this session).
SELECT 1;
