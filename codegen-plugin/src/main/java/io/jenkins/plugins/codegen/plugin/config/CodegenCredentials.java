package io.jenkins.plugins.codegen.plugin.config;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The API token is a "Secret text" credential. This class finds it for a build and fills and checks
 * the credential fields of the forms, with the permission checks the credentials plugin documents
 * (docs/consumer.adoc): only users who may configure or use the job's credentials see the list.
 */
public final class CodegenCredentials {
    private CodegenCredentials() {
    }

    /**
     * The credential for a build, looked up in the job's context (so folder credentials and
     * {@code ${PARAMETER}} credential parameters work) and recorded as used by the build; null when
     * no Secret text credential with that id is visible to the build.
     */
    @CheckForNull
    public static StringCredentials forRun(String id, Run<?, ?> run) {
        StringCredentials credentials = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        return CredentialsProvider.track(run, credentials);
    }

    /** A global (controller-level) credential, for the Test connection button; null when there is none. */
    @CheckForNull
    static StringCredentials global(String id) {
        return CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
    }

    /** The credential choices of a step or build step in a job (or in the global Snippet Generator when null). */
    public static ListBoxModel fillForItem(@CheckForNull Item item, @CheckForNull String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return result.includeCurrentValue(current);
            }
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return result.includeCurrentValue(current);
        }
        Authentication as = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        return result.includeEmptyValue()
                .includeMatchingAs(as, item, StringCredentials.class, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /**
     * The default credential choices of the global configuration: for administrators, and for
     * read-only ones (Overall/SystemRead), who may open that page. The choices are credential ids
     * and descriptions, never secrets.
     */
    static ListBoxModel fillGlobal(@CheckForNull String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = Util.fixNull(credentialsId);
        if (!Jenkins.get().hasPermission(Jenkins.SYSTEM_READ)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(),
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    /** Whether a step's credential exists where the job can see it; says nothing to users who may not know. */
    public static FormValidation checkForItem(@CheckForNull Item item, @CheckForNull String value) {
        if (item == null) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return FormValidation.ok();
            }
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.ok("Blank: the default credential of the global configuration is used.");
        }
        if (id.startsWith("${")) {
            return FormValidation.warning("Resolved from a build parameter when the build runs.");
        }
        Authentication as = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        List<StringCredentials> visible = item == null
                ? CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), as, List.of())
                : CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item, as, List.of());
        if (CredentialsMatchers.firstOrNull(visible, CredentialsMatchers.withId(id)) == null) {
            return FormValidation.error("No Secret text credential with the id '" + id + "' is visible here. "
                    + "Add one holding your Codegen API token (https://codegen.com/token), or choose another.");
        }
        return FormValidation.ok();
    }

    /** Whether the global default credential exists; a folder-level one may still be found at run time. */
    static FormValidation checkGlobal(@CheckForNull String value) {
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.warning("No default credential: every task must name one (credentialsId), "
                    + "unless it runs in mock mode.");
        }
        if (global(id) == null) {
            return FormValidation.warning("No global Secret text credential has the id '" + id + "'. Only jobs in "
                    + "folders that define a credential with this id will find one.");
        }
        return FormValidation.ok();
    }
}
