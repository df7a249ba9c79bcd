package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.plugin.config.CodegenCredentials;
import io.jenkins.plugins.codegen.plugin.config.JenkinsProxy;
import io.jenkins.plugins.codegen.scope.Resolved;
import io.jenkins.plugins.codegen.scope.SettingsSource;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.Arrays;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The secrets a task runs with: the credential chosen for the build (none in mock mode), its token,
 * and Jenkins' proxy with its password. They are looked up before anything is printed, so that every
 * line the task prints, and every task file it reads, is masked.
 *
 * @param credentialsId the credential the step, the job, a folder or the global configuration chose; null in mock
 *        mode or when none is set
 * @param credentialFrom where that credential was chosen; null when none was
 * @param credentials   the credential found for the build; null when there is none or it cannot be used
 */
record TaskSecrets(@CheckForNull String credentialsId, @CheckForNull SettingsSource credentialFrom,
                   @CheckForNull StringCredentials credentials, @CheckForNull String token, ProxyEnvironment proxy) {

    static TaskSecrets lookUp(Resolved<String> credential, boolean mock, Run<?, ?> run) {
        String credentialsId = mock ? null : credential.value();
        StringCredentials credentials = credentialsId == null ? null : CodegenCredentials.forRun(credentialsId, run);
        String token = credentials == null ? null : credentials.getSecret().getPlainText();
        return new TaskSecrets(credentialsId, credential.source(), credentials, token, JenkinsProxy.environment());
    }

    /** Hides the token and the proxy's password wherever they would show. */
    SecretMasker masker() {
        return SecretMasker.of(Arrays.asList(token, proxy.password().orElse(null)));
    }

    /**
     * Why the task cannot run for want of its token, or null when it can. A credential that a folder's
     * or job's settings chose and the build cannot find is that setting's fault ({@code configuration},
     * naming where it was chosen); one the step or the global configuration chose is the input's.
     *
     * @param parameter how the build names the option, e.g. {@code codegenTask parameter credentialsId}
     */
    @CheckForNull
    CodegenException missing(boolean mock, Run<?, ?> run, String parameter) {
        if (mock || credentials != null) {
            return null;
        }
        if (credentialsId == null) {
            return CodegenException.builder(ErrorType.VALIDATION, "No Codegen API token is configured.")
                    .guidance("Choose a Secret text credential holding your API token (https://codegen.com/token) as "
                            + parameter + " or as the default credential in " + StepSettings.GLOBAL_PAGE
                            + "; or set mock: true for a dry run against the simulated API.")
                    .build();
        }
        CodegenCredentials.Missing missing = CodegenCredentials.missingForRun(credentialsId, run, parameter);
        if (credentialFrom == null || credentialFrom.kind() == SettingsSource.Kind.STEP
                || credentialFrom.kind() == SettingsSource.Kind.GLOBAL) {
            return CodegenException.builder(ErrorType.VALIDATION, missing.problem() + ".")
                    .guidance(missing.remedy() + " Mock mode needs no credential.").build();
        }
        String where = credentialFrom.describe();
        return CodegenException.builder(ErrorType.CONFIGURATION, "The Codegen settings of " + where
                        + " choose the credential '" + credentialsId + "', which this build cannot use: "
                        + missing.problem() + ".")
                .guidance("Add a Secret text credential with the id '" + credentialsId + "' holding your Codegen API "
                        + "token (https://codegen.com/token) in " + where + " or a folder above it, or choose another "
                        + "credential in the Codegen settings of " + where + " (its Configure page), or set "
                        + parameter + " on the step. Nothing was sent to Codegen.")
                .build();
    }
}
