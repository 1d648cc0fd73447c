CREATE TABLE "discount_approvals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"deal_id" uuid,
	"document_id" uuid,
	"percent" numeric(5, 2) NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_comment" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	CONSTRAINT "discount_approvals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "discount_limits" (
	"workspace_id" uuid NOT NULL,
	"role" text NOT NULL,
	"max_percent" numeric(5, 2) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_limits_workspace_id_role_pk" PRIMARY KEY("workspace_id","role")
);
--> statement-breakpoint
ALTER TABLE "discount_approvals" ADD CONSTRAINT "discount_approvals_workspace_id_deal_id_deals_workspace_id_id_fk" FOREIGN KEY ("workspace_id","deal_id") REFERENCES "public"."deals"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_approvals" ADD CONSTRAINT "discount_approvals_workspace_id_document_id_documents_workspace_id_id_fk" FOREIGN KEY ("workspace_id","document_id") REFERENCES "public"."documents"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discount_approvals_deal_idx" ON "discount_approvals" USING btree ("workspace_id","deal_id");--> statement-breakpoint
CREATE INDEX "discount_approvals_document_idx" ON "discount_approvals" USING btree ("workspace_id","document_id");--> statement-breakpoint
CREATE INDEX "discount_approvals_pending_idx" ON "discount_approvals" USING btree ("workspace_id","created_at") WHERE status = 'pending';