DROP INDEX "companies_name_trgm_idx";--> statement-breakpoint
DROP INDEX "contacts_name_trgm_idx";--> statement-breakpoint
DROP INDEX "deals_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "companies_name_trgm_idx" ON "companies" USING gist ("workspace_id","name" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gist ("workspace_id","full_name" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "deals_title_trgm_idx" ON "deals" USING gist ("workspace_id","title" gist_trgm_ops);