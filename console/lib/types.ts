/** The console's HTTP API shapes live in the shared contract. */
export type { AgentListItem, FaqInsights, Insights, SavedReply, SiteSummary, SurveyStats } from '../../protocol/http.js';
