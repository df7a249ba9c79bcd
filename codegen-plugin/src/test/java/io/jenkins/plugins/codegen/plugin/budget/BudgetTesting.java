package io.jenkins.plugins.codegen.plugin.budget;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Job;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.scope.CodegenFolderProperty;
import io.jenkins.plugins.codegen.plugin.scope.CodegenJobProperty;
import io.jenkins.plugins.codegen.plugin.task.CodegenBuilder;
import java.io.IOException;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.jvnet.hudson.test.JenkinsRule;

/** Budgets set as an administrator sets them, and what the management page's REST API says of them. */
final class BudgetTesting {
    private BudgetTesting() {
    }

    /**
     * Sets the budget of a scope by its full name: {@code ""} the global one, a folder's or a job's
     * in its settings (a multibranch project is a folder).
     */
    static void limit(String scope, Integer perHour, Integer perDay) throws IOException {
        if (scope.isEmpty()) {
            CodegenGlobalConfiguration global = CodegenGlobalConfiguration.get();
            global.setBudgetPerHour(perHour);
            global.setBudgetPerDay(perDay);
            global.save();
            return;
        }
        Item item = Jenkins.get().getItemByFullName(scope);
        if (item instanceof AbstractFolder<?> folder) {
            CodegenFolderProperty property = folder.getProperties().get(CodegenFolderProperty.class);
            if (property == null) {
                property = new CodegenFolderProperty();
                folder.addProperty(property);
            }
            property.setBudgetPerHour(perHour);
            property.setBudgetPerDay(perDay);
            folder.save();
        } else if (item instanceof Job<?, ?> job) {
            CodegenJobProperty property = job.getProperty(CodegenJobProperty.class);
            if (property == null) {
                property = new CodegenJobProperty();
                job.addProperty(property);
            }
            property.setBudgetPerHour(perHour);
            property.setBudgetPerDay(perDay);
            job.save();
        } else {
            throw new IllegalArgumentException("no folder or job " + scope);
        }
    }

    static Folder folder(JenkinsRule r, String name) throws IOException {
        return r.jenkins.createProject(Folder.class, name);
    }

    /** A freestyle job whose build asks the simulated API (mock mode) for one agent run. */
    static FreeStyleProject mockJob(Folder folder, String name) throws Exception {
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
