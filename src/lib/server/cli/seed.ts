/** `npm run seed`: migrates DATABASE_URL and loads the demo portfolio (safe to run again). */
import { startDatabase } from '../db/database';
import { loadDemoPortfolio } from '../services/demo/load';

await startDatabase();
const summary = await loadDemoPortfolio();
console.log(
	`Demo portfolio in organisation ${summary.organisationId}: ${summary.systems} systems; ${summary.reviews} new reviews, ${summary.costLines} cost lines and ${summary.milestones} milestones recorded.`
);
