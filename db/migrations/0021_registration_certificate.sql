-- Reserved for registration certificate (this session).
SELECT 1;
