import { templateVariableRoots } from '@voronka/contract';
import * as liquid from '../../platform/templates/liquid.js';

// Messaging's templates render through the platform's one sandboxed Liquid engine
// (src/platform/templates/liquid.ts) with the roots of a record: client, company, deal, manager,
// workspace. Dunning and automation use the same engine with their own roots (DESIGN.md «One render»).

export { rub, TemplateProblem, type RenderData } from '../../platform/templates/liquid.js';

const opts = { roots: templateVariableRoots };

export const parseTemplate = (text: string) => liquid.parseTemplate(text, templateVariableRoots);

export const renderTemplate = (text: string, data: liquid.RenderData) =>
  liquid.renderTemplate(text, data, opts);
