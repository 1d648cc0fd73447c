DROP INDEX "contact_points_value_idx";--> statement-breakpoint
DROP INDEX "leads_phone_idx";--> statement-breakpoint
CREATE INDEX "companies_website_idx" ON "companies" USING btree ("workspace_id",lower("website") text_pattern_ops) WHERE "companies"."website" is not null;--> statement-breakpoint
CREATE INDEX "contact_points_value_suffix_idx" ON "contact_points" USING btree ("workspace_id","kind",reverse("value") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_phone_suffix_idx" ON "leads" USING btree ("workspace_id",reverse("contact_phone") text_pattern_ops) WHERE "leads"."contact_phone" is not null;--> statement-breakpoint
CREATE INDEX "contact_points_value_idx" ON "contact_points" USING btree ("workspace_id","kind","value" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "leads_phone_idx" ON "leads" USING btree ("workspace_id","contact_phone" text_pattern_ops);