package io.jenkins.plugins.codegen.plugin.config;

import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_API_URL;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.HealthReport;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.error.Sentence;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.plugin.monitoring.CodegenMonitoring;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * "Test connection" on the global configuration page: one authenticated call to the Codegen API (or,
 * in mock mode, to the simulated API) with the values in the form on top of the saved configuration,
 * on the controller; says who the token belongs to or exactly what failed. The caller checks that the
 * user may do it ({@code CodegenGlobalConfiguration.doTestConnection}).
 */
final class ConnectionTest {
    private final CodegenSettings.Builder configured;

    /** @param configured settings holding the saved configuration, which the form's values override */
    ConnectionTest(CodegenSettings.Builder configured) {
        this.configured = configured;
    }

    FormValidation run(String apiUrl, String credentialsId, String orgId, String pythonPath, String backend,
                       boolean mock) throws InterruptedException {
        CodegenSettings.Builder builder = configured.mock(mock);
        String url = Util.fixEmptyAndTrim(apiUrl);
        builder.apiUrl(url == null ? DEFAULT_API_URL : url);
        String python = Util.fixEmptyAndTrim(pythonPath);
        if (python != null) {
            builder.pythonPath(python);
        }
        try {
            builder.orgId(FormChecks.parseWhole(orgId));
        } catch (NumberFormatException e) {
            return FormValidation.error("The organization id must be a number.");
        }
        if (Backend.parse(backend).isPresent()) {
            builder.backend(Backend.parse(backend).get());
        }
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (!mock) {
            FormValidation noToken = addToken(builder, id);
            if (noToken != null) {
                return noToken;
            }
        }
        CodegenSettings settings = builder.build();
        List<FieldError> errors = settings.validate();
        if (!errors.isEmpty()) {
            return FormValidation.error("Not tested: " + errors.stream()
                    .map(e -> (e.field().equals("token") ? "the credential '" + id + "'" : e.field()) + " "
                            + e.problem() + ". " + e.remedy())
                    .collect(Collectors.joining(" ")));
        }
        return call(settings, mock);
    }

    /** Puts the token of the global credential {@code id} into the settings; what is wrong, or null. */
    @CheckForNull
    private static FormValidation addToken(CodegenSettings.Builder builder, @CheckForNull String id) {
        if (id == null) {
            return FormValidation.error("Choose the credential holding your Codegen API token first.");
        }
        StringCredentials credentials = CodegenCredentials.global(id);
        if (credentials == null) {
            Credentials other = CodegenCredentials.globalOfAnyKind(id);
            if (other != null) {
                return FormValidation.error(CodegenCredentials.wrongKind(id, other) + ".");
            }
            return FormValidation.error("No global Secret text credential has the id '" + id + "'. Test "
                    + "connection can only use global credentials; folder credentials are found when a build runs.");
        }
        builder.token(credentials.getSecret().getPlainText());
        return null;
    }

    /** The one call, through a bridge started on the controller. */
    private static FormValidation call(CodegenSettings settings, boolean mock) throws InterruptedException {
        ProxyEnvironment proxy = JenkinsProxy.environment();
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher()) {
            CodegenIntegrator.Builder integrator = CodegenIntegrator.builder(settings, launcher)
                    .bridgeEnvironment(proxy.variables());
            if (!mock) {
                CodegenMonitoring monitoring = CodegenMonitoring.get();
                integrator.monitoring(monitoring.statistics(), monitoring.health());
            }
            try (CodegenIntegrator engine = integrator.build()) {
                HealthReport report = engine.checkConnection();
                return FormValidation.ok((mock ? "Mock mode: the simulated Codegen API answered. " : "Connected. ")
                        + "The token belongs to " + (report.user() == null ? "an unnamed user" : report.user())
                        + ", who may use the organization " + describeOrganization(report) + ".");
            }
        } catch (CodegenException e) {
            return FormValidation.error("Connection failed [" + e.getErrorType().wireName() + "]: "
                    + Sentence.withGuidance(e.getMessage(), e.getGuidance())
                    + " (Test connection runs on the controller, with its Python and network.)");
        } catch (IOException e) {
            return FormValidation.error("Could not clean up the bridge's temporary folder: " + e.getMessage());
        }
    }

    private static String describeOrganization(HealthReport report) {
        String name = report.organizationName();
        return (name == null || name.isBlank() ? "" : "'" + name + "' ")
                + String.format(Locale.ROOT, "(id %d)", report.organizationId());
    }
}
