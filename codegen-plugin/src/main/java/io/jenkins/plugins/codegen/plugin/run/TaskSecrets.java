package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import io.jenkins.plugins.codegen.plugin.config.CodegenCredentials;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.config.JenkinsProxy;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.Arrays;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The secrets a task runs with: the credential chosen for the build (none in mock mode), its token,
 * and Jenkins' proxy with its password. They are looked up before anything is printed, so that every
 * line the task prints, and every task file it reads, is masked.
 *
 * @param credentialsId the step's credential, else the global default; null in mock mode or when none is set
 * @param credentials   the credential found for the build; null when there is none or it cannot be used
 */
record TaskSecrets(@CheckForNull String credentialsId, @CheckForNull StringCredentials credentials,
                   @CheckForNull String token, ProxyEnvironment proxy) {

    static TaskSecrets lookUp(CodegenTaskParameters parameters, CodegenGlobalConfiguration global, boolean mock,
                              Run<?, ?> run) {
        String id = parameters.getCredentialsId() != null ? parameters.getCredentialsId() : global.getCredentialsId();
        String credentialsId = mock ? null : id;
        StringCredentials credentials = credentialsId == null ? null : CodegenCredentials.forRun(credentialsId, run);
        String token = credentials == null ? null : credentials.getSecret().getPlainText();
        return new TaskSecrets(credentialsId, credentials, token, JenkinsProxy.environment());
    }

    /** Hides the token and the proxy's password wherever they would show. */
    SecretMasker masker() {
        return SecretMasker.of(Arrays.asList(token, proxy.password().orElse(null)));
    }
}
