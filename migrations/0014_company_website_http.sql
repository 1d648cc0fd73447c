-- A company's website is an http(s) address (it is shown as a link). What was stored before the
-- rule: a bare domain gains https://, anything with another scheme (javascript:, data:…) is dropped.
UPDATE "companies" SET "website" = NULL WHERE "website" ~* '^[a-z][a-z0-9+.-]*:' AND "website" !~* '^https?://' AND "website" !~* '^[a-z0-9-]+:[0-9]+';--> statement-breakpoint
UPDATE "companies" SET "website" = 'https://' || ltrim("website", '/') WHERE "website" IS NOT NULL AND "website" !~* '^https?://';
