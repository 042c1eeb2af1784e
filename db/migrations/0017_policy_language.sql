-- Reserved for policy language (this session).
SELECT 1;
