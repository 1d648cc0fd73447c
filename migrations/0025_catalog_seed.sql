-- The catalog's shared data and its links to another module's table.
--
-- VAT rates (НК РФ ст. 164) as effective-dated rows: the general rate was 18 % until 2018, 20 % in
-- 2019–2025 and 22 % from 1 January 2026; 10 % and 0 %
-- are unchanged; 5 % and 7 % are the rates a simplified-taxation payer may choose from 2025
-- (ст. 164 п. 8); «без НДС» (rate null) is for sales not subject to VAT.
INSERT INTO "vat_rates" ("id", "rate", "label", "valid_from", "valid_to") VALUES
  ('vat18', 18, 'НДС 18 %', '2004-01-01', '2018-12-31'),
  ('vat20', 20, 'НДС 20 %', '2019-01-01', '2025-12-31'),
  ('vat22', 22, 'НДС 22 %', '2026-01-01', NULL),
  ('vat10', 10, 'НДС 10 %', '2004-01-01', NULL),
  ('vat0', 0, 'НДС 0 %', '2004-01-01', NULL),
  ('vat5', 5, 'НДС 5 % (УСН)', '2025-01-01', NULL),
  ('vat7', 7, 'НДС 7 % (УСН)', '2025-01-01', NULL),
  ('none', NULL, 'Без НДС', '2004-01-01', NULL)
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- A deal's lines and VAT mode go with the deal.
ALTER TABLE "deal_lines" ADD CONSTRAINT "deal_lines_deal_fk" FOREIGN KEY ("workspace_id", "deal_id") REFERENCES "public"."deals"("workspace_id", "id") ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "deal_pricing" ADD CONSTRAINT "deal_pricing_deal_fk" FOREIGN KEY ("workspace_id", "deal_id") REFERENCES "public"."deals"("workspace_id", "id") ON DELETE CASCADE;
