package io.jenkins.plugins.codegen.plugin.budget;

import hudson.model.FreeStyleProject;
import io.jenkins.plugins.codegen.budget.BudgetLimits;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import java.util.HashMap;
import java.util.Map;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;

/** Limits per scope for the tests, and what the management page's REST API says of the budgets. */
final class BudgetTesting {
    private static final Map<String, BudgetLimits> LIMITS = new HashMap<>();

    private BudgetTesting() {
    }

    /** Sets the limits of a scope by its full name ({@code ""} is the global one). */
    static synchronized void limit(String scope, Integer perHour, Integer perDay) {
        LIMITS.put(scope, new BudgetLimits(perHour, perDay));
        JobBudgets.limitsForTesting(s -> {
            synchronized (BudgetTesting.class) {
                return LIMITS.getOrDefault(s.key(), BudgetLimits.unlimited());
            }
        });
    }

    static synchronized void noLimits() {
        LIMITS.clear();
        JobBudgets.limitsForTesting(s -> BudgetLimits.unlimited());
    }

    /** A freestyle job whose build asks the simulated API (mock mode) for one agent run. */
    static FreeStyleProject mockJob(MockFolder folder, String name) throws Exception {
        FreeStyleProject project = folder.createProject(FreeStyleProject.class, name);
        CodegenBuilder step = new CodegenBuilder("Add input validation");
        step.setMock(true);
        project.getBuildersList().add(step);
        return project;
    }

    /** The budgets section of {@code /manage/codegen/api/json}. */
    static JSONObject budgets(JenkinsRule r) throws Exception {
        return budgets(r, null);
    }

    /** The same, as a user (null: anonymous, in a Jenkins without security). */
    static JSONObject budgets(JenkinsRule r, String user) throws Exception {
        try (JenkinsRule.WebClient web = r.createWebClient()) {
            if (user != null) {
                web.login(user);
            }
            return web.getJSON("manage/codegen/api/json?depth=3").getJSONObject().getJSONObject("sections")
                    .getJSONObject("budgets");
        }
    }

    /** One scope's row of the REST API, or null when the scope has no runs in the last 24 hours. */
    static JSONObject scope(JenkinsRule r, String name) throws Exception {
        JSONArray scopes = budgets(r).getJSONArray("scopes");
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.getJSONObject(i).getString("name").equals(name)) {
                return scopes.getJSONObject(i);
            }
        }
        return null;
    }
}
