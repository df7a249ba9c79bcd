package io.jenkins.plugins.codegen.plugin.config;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
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

    /**
     * What a build says when {@code id} names no Secret text credential it can see: that the id
     * names a credential of another kind (a username/password one is the common slip), or that none
     * has it. The other credential's secret is never read.
     *
     * @param parameter how the build names the option, e.g. {@code codegenTask parameter credentialsId}
     */
    public static Missing missingForRun(String id, Run<?, ?> run, String parameter) {
        StandardCredentials other = CredentialsProvider.findCredentialById(id, StandardCredentials.class, run);
        String choose = " (or the default credential in " + CodegenGlobalConfiguration.GLOBAL_PAGE + ").";
        if (other != null && !(other instanceof StringCredentials)) {
            return new Missing(wrongKind(id, other), "Add a Secret text credential holding your Codegen API token "
                    + "(https://codegen.com/token) and choose it as " + parameter + choose);
        }
        return new Missing("No Secret text credential with the id '" + id + "' is visible to this build",
                "Add a Secret text credential with the id '" + id + "' holding your Codegen API token "
                        + "(https://codegen.com/token), globally or in the job's folder, or correct " + parameter + choose);
    }

    /** Why a build found no token, and what to do. */
    public record Missing(String problem, String remedy) {
    }

    /** "'x' is a username/password credential; the token must be Secret text". */
    static String wrongKind(String id, Credentials other) {
        String kind = other instanceof UsernamePasswordCredentials ? "a username/password credential"
                : "a credential of the kind \"" + other.getDescriptor().getDisplayName() + "\"";
        return "'" + id + "' is " + kind + "; the token must be Secret text";
    }

    /** A global (controller-level) credential, for the Test connection button; null when there is none. */
    @CheckForNull
    static StringCredentials global(String id) {
        return CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
    }

    /** A global credential of any kind with that id, to say when it is not Secret text; null when there is none. */
    @CheckForNull
    static Credentials globalOfAnyKind(String id) {
        return CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
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
            return FormValidation.ok("Blank: the credential of the job's or its folder's Codegen settings, else the "
                    + "global default, is used.");
        }
        if (id.startsWith("${")) {
            return FormValidation.warning("Resolved from a build parameter when the build runs.");
        }
        Authentication as = item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
        List<StringCredentials> visible = item == null
                ? CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, Jenkins.get(), as, List.of())
                : CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item, as, List.of());
        if (CredentialsMatchers.firstOrNull(visible, CredentialsMatchers.withId(id)) == null) {
            Credentials other = CredentialsMatchers.firstOrNull(item == null
                    ? CredentialsProvider.lookupCredentialsInItemGroup(StandardCredentials.class, Jenkins.get(), as,
                            List.of())
                    : CredentialsProvider.lookupCredentialsInItem(StandardCredentials.class, item, as, List.of()),
                    CredentialsMatchers.withId(id));
            if (other != null) {
                return FormValidation.error(wrongKind(id, other) + ". Choose one holding your Codegen API token.");
            }
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
            Credentials other = globalOfAnyKind(id);
            if (other != null) {
                return FormValidation.error(wrongKind(id, other) + ". Choose one holding your Codegen API token.");
            }
            return FormValidation.warning("No global Secret text credential has the id '" + id + "'. Only jobs in "
                    + "folders that define a credential with this id will find one.");
        }
        return FormValidation.ok();
    }
}
