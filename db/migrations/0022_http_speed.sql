-- Reserved for http speed (this session).
SELECT 1;
