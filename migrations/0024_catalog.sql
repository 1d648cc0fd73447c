CREATE TABLE "deal_lines" (
	"workspace_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid,
	"name" text NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"okei" text NOT NULL,
	"price_kopecks" bigint NOT NULL,
	"discount_kind" text,
	"discount_percent" numeric(5, 2),
	"discount_kopecks" bigint,
	"vat_rate" integer,
	"gross_kopecks" bigint NOT NULL,
	"line_discount_kopecks" bigint NOT NULL,
	"net_kopecks" bigint NOT NULL,
	"vat_kopecks" bigint NOT NULL,
	"total_kopecks" bigint NOT NULL,
	CONSTRAINT "deal_lines_workspace_id_deal_id_position_pk" PRIMARY KEY("workspace_id","deal_id","position")
);
--> statement-breakpoint
CREATE TABLE "deal_pricing" (
	"workspace_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"vat_mode" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_pricing_workspace_id_deal_id_pk" PRIMARY KEY("workspace_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "price_list_items" (
	"workspace_id" uuid NOT NULL,
	"price_list_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"price_kopecks" bigint NOT NULL,
	CONSTRAINT "price_list_items_workspace_id_price_list_id_product_id_pk" PRIMARY KEY("workspace_id","price_list_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "price_lists" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"segment" text,
	"currency" char(3) DEFAULT 'RUB' NOT NULL,
	"vat_mode" text NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_lists_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sku" text,
	"name" text NOT NULL,
	"okei" text NOT NULL,
	"vat_rate" integer,
	"price_kopecks" bigint,
	"cost_kopecks" bigint,
	"category" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "vat_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"rate" integer,
	"label" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
ALTER TABLE "price_list_items" ADD CONSTRAINT "price_list_items_workspace_id_price_list_id_price_lists_workspace_id_id_fk" FOREIGN KEY ("workspace_id","price_list_id") REFERENCES "public"."price_lists"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_list_items" ADD CONSTRAINT "price_list_items_workspace_id_product_id_products_workspace_id_id_fk" FOREIGN KEY ("workspace_id","product_id") REFERENCES "public"."products"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_lines_product_idx" ON "deal_lines" USING btree ("workspace_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_uq" ON "products" USING btree ("workspace_id","sku") WHERE "products"."sku" is not null;--> statement-breakpoint
CREATE INDEX "products_name_idx" ON "products" USING btree ("workspace_id","name");