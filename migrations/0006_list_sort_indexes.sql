CREATE INDEX "companies_name_idx" ON "companies" USING btree ("workspace_id","name","id");--> statement-breakpoint
CREATE INDEX "companies_owner_updated_idx" ON "companies" USING btree ("workspace_id","owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("workspace_id","full_name","id");--> statement-breakpoint
CREATE INDEX "contacts_owner_updated_idx" ON "contacts" USING btree ("workspace_id","owner_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "deals_owner_updated_idx" ON "deals" USING btree ("workspace_id","owner_id","updated_at","id");