package io.jenkins.plugins.codegen.plugin.scope;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.codegen.plugin.config.RolloutChecks;
import io.jenkins.plugins.codegen.plugin.config.SettingChoices;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The lists and field checks of a folder's and a job's Codegen section. They belong to whoever may
 * configure that folder or job ({@code Item.CONFIGURE} on it), not to administrators only: a team
 * configures its own folder. The credential list is the item's: the folder's own credentials and
 * those of the folders above it and of Jenkins, as the Credentials plugin looks them up there.
 *
 * <p>An interface with default methods, which both descriptors implement; Stapler and Jenkins find
 * them as they find {@code CodegenGlobalForm}'s.
 */
public interface ScopeForm {
    String INHERIT = "(inherit)";

    @POST
    default ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (!canConfigure(item)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, item, StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    @POST
    default FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        requireConfigure(item);
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.ok("Empty: inherited from the folders above, or the global configuration.");
        }
        List<StringCredentials> visible = CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item,
                ACL.SYSTEM2, List.of());
        if (CredentialsMatchers.firstOrNull(visible, CredentialsMatchers.withId(id)) != null) {
            return FormValidation.ok();
        }
        StandardCredentials other = CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItem(
                StandardCredentials.class, item, ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
        if (other != null) {
            return FormValidation.error("'" + id + "' is not a Secret text credential; the Codegen API token must be "
                    + "Secret text. Choose one holding your token.");
        }
        return FormValidation.error("No Secret text credential with the id '" + id + "' is visible here. Add one in "
                + "this folder, a folder above it or Jenkins, holding your Codegen API token "
                + "(https://codegen.com/token), or choose another.");
    }

    @POST
    default FormValidation doCheckOrgId(@AncestorInPath Item item, @QueryParameter String value) {
        requireConfigure(item);
        return RolloutChecks.checkNumber(value, "orgId", inherited(), RolloutChecks::orgIdProblem);
    }

    @POST
    default FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
        requireConfigure(item);
        return RolloutChecks.checkNumber(value, "timeout", inherited(), RolloutChecks::timeoutProblem);
    }

    @POST
    default FormValidation doCheckBudgetPerHour(@AncestorInPath Item item, @QueryParameter String value) {
        requireConfigure(item);
        return checkBudget(value, "budgetPerHour");
    }

    @POST
    default FormValidation doCheckBudgetPerDay(@AncestorInPath Item item, @QueryParameter String value) {
        requireConfigure(item);
        return checkBudget(value, "budgetPerDay");
    }

    @POST
    default ListBoxModel doFillOptimizationLevelItems(@AncestorInPath Item item) {
        requireConfigure(item);
        return SettingChoices.optimizationLevels(INHERIT);
    }

    @POST
    default ListBoxModel doFillBackendItems(@AncestorInPath Item item) {
        requireConfigure(item);
        return SettingChoices.backends(INHERIT);
    }

    @POST
    default ListBoxModel doFillMockItems(@AncestorInPath Item item) {
        requireConfigure(item);
        return inheritOnOff();
    }

    @POST
    default ListBoxModel doFillAutoFixItems(@AncestorInPath Item item) {
        requireConfigure(item);
        return inheritOnOff();
    }

    @POST
    default ListBoxModel doFillAutoFixPullRequestsItems(@AncestorInPath Item item) {
        requireConfigure(item);
        return inheritOnOff();
    }

    /** The choices of a yes/no value that may be left to the layers further out. */
    static ListBoxModel inheritOnOff() {
        ListBoxModel model = new ListBoxModel();
        model.add(INHERIT, "");
        model.add("on", "true");
        model.add("off", "false");
        return model;
    }

    private static FormValidation checkBudget(String value, String field) {
        FormValidation none = FormValidation.ok("Empty: no limit of its own here; the budgets of the folders above "
                + "and of Jenkins still apply.");
        FormValidation result = RolloutChecks.checkNumber(value, field, none, RolloutChecks::budgetProblem);
        if (result.kind == FormValidation.Kind.OK && "0".equals(Util.fixEmptyAndTrim(value))) {
            return FormValidation.warning("0: no agent runs at all in this scope; its tasks and fixes fail with the "
                    + "error type budget.");
        }
        return result;
    }

    private static FormValidation inherited() {
        return FormValidation.ok("Empty: inherited from the folders above, or the global configuration.");
    }

    private static boolean canConfigure(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** Outside an item (no folder or job in the URL) only administrators may ask. */
    private static void requireConfigure(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }
}
