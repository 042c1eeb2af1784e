-- Reserved for search speed (this session).
SELECT 1;
