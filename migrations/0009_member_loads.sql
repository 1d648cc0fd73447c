CREATE TABLE "member_loads" (
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "member_loads_workspace_id_member_id_pk" PRIMARY KEY("workspace_id","member_id")
);
