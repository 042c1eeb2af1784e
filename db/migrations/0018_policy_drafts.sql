-- Reserved for policy drafts (this session).
SELECT 1;
