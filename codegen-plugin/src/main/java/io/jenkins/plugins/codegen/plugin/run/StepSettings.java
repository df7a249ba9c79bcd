package io.jenkins.plugins.codegen.plugin.run;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.plugin.config.FormChecks;
import io.jenkins.plugins.codegen.plugin.parameters.CodegenTaskParameters;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.scope.Resolved;
import io.jenkins.plugins.codegen.scope.ResolvedSettings;
import io.jenkins.plugins.codegen.scope.SettingValues;
import io.jenkins.plugins.codegen.scope.SettingsSource;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * The engine's settings for one task: the global configuration with the values resolved from the
 * step, the job and its folders ({@code ScopeSettings}), the token and mock mode; and every problem
 * with them named where the user set it (on the step, in a folder or job, as a global setting, or in
 * the credential).
 */
final class StepSettings {
    static final String GLOBAL_PAGE = CodegenGlobalConfiguration.GLOBAL_PAGE;

    private final CodegenTaskParameters parameters;
    private final String owner;
    private final ResolvedSettings resolved;

    /** @param owner how messages name a parameter, before its name, e.g. {@code "codegenTask parameter "} */
    StepSettings(CodegenTaskParameters parameters, String owner, ResolvedSettings resolved) {
        this.parameters = parameters;
        this.owner = owner;
        this.resolved = resolved;
    }

    /**
     * What the step itself sets, as the first layer of the resolution; a value it cannot parse is
     * left to the layers below here and reported by {@link #of}. Mock mode off on a step is "not set".
     */
    static SettingValues stepValues(CodegenTaskParameters parameters) {
        String level = parameters.getOptimizationLevel();
        String backend = parameters.getBackend();
        Integer timeout = parameters.getTimeout();
        return SettingValues.builder().credentialsId(parameters.getCredentialsId()).orgId(parameters.getOrgId())
                .optimizationLevel(level == null ? null : OptimizationLevel.parse(level).orElse(null))
                .backend(backend == null ? null : Backend.parse(backend).orElse(null))
                .timeout(timeout == null ? null : Duration.ofMinutes(timeout))
                .mock(parameters.isMock() ? Boolean.TRUE : null)
                .build();
    }

    /** One line per value and where it came from, as the build page shows them too. */
    static void printProvenance(PrintStream console, List<String> lines) {
        console.println(CodegenTaskRunner.PREFIX + "Settings, each from where it is set:");
        lines.forEach(line -> console.println(CodegenTaskRunner.PREFIX + "  " + line));
    }

    /** The global configuration with the resolved values, the step's retries, the token, and mock mode. */
    CodegenSettings of(CodegenGlobalConfiguration global, boolean unixAgent, boolean mock, @CheckForNull String token,
                       @CheckForNull String credentialsId) throws CodegenException {
        CodegenSettings.Builder builder = global.toSettings(unixAgent);
        List<FieldError> errors = new ArrayList<>();
        builder.mock(mock).token(token);
        resolved.orgId().get().ifPresent(builder::orgId);
        Integer maxRetries = parameters.getMaxRetries();
        if (maxRetries != null) {
            builder.maxRetries(maxRetries);
        }
        resolved.timeout().get().ifPresent(builder::timeout);
        resolved.optimizationLevel().get().ifPresent(builder::optimizationLevel);
        resolved.backend().get().ifPresent(builder::backend);
        if (parameters.getOptimizationLevel() != null && OptimizationLevel.parse(parameters.getOptimizationLevel())
                .isEmpty()) {
            errors.add(new FieldError(parameter("optimizationLevel"), "is '" + parameters.getOptimizationLevel() + "'",
                    "Use one of " + OptimizationLevel.names() + "."));
        }
        if (parameters.getBackend() != null && Backend.parse(parameters.getBackend()).isEmpty()) {
            errors.add(new FieldError(parameter("backend"), "is '" + parameters.getBackend() + "'",
                    "Use one of " + Backend.names() + "."));
        }
        if (parameters.getMockScenario() != null) {
            builder.mockScenario(parameters.getMockScenario());
        }
        CodegenSettings settings = builder.build();
        // In the units of the fields the user filled in: the timeout in minutes, the waits in seconds.
        for (FieldError error : FormChecks.inFieldUnits(settings.validate())) {
            errors.add(renameSetting(error, credentialsId));
        }
        if (!errors.isEmpty()) {
            throw CodegenException.invalid(errors);
        }
        return settings;
    }

    /** A settings problem, named as the user set it: on the step, as a global setting, or in the credential. */
    private FieldError renameSetting(FieldError error, @CheckForNull String credentialsId) {
        String field = error.field();
        switch (field) {
            case "token" -> {
                return new FieldError("the credential '" + credentialsId + "'", error.problem(), error.remedy());
            }
            case "orgId" -> {
                if (!resolved.orgId().isSet() && error.problem().equals("is not set")) {
                    return new FieldError("orgId", error.problem(), "Set " + parameter("orgId") + ", or a default "
                            + "organization in the Codegen settings of the job's folder or in " + GLOBAL_PAGE
                            + "; https://codegen.com/token shows the id.");
                }
                return named(error, "orgId", resolved.orgId());
            }
            case "timeout", "requestTimeout" -> {
                return named(error, "timeout", resolved.timeout());
            }
            case "maxRetries" -> {
                return named(error, "maxRetries", parameters.getMaxRetries() != null);
            }
            case "mockScenario" -> {
                return named(error, "mockScenario", true);
            }
            default -> {
                return named(error, field, false);
            }
        }
    }

    private FieldError named(FieldError error, String option, boolean onTheStep) {
        String label = onTheStep ? parameter(option) : "the global setting " + option + " (" + GLOBAL_PAGE + ")";
        return new FieldError(label, error.problem(), error.remedy());
    }

    /** Named where the value was set: on the step, in a folder or job, or globally. */
    private FieldError named(FieldError error, String option, Resolved<?> value) {
        SettingsSource source = value.source();
        if (source == null || source.kind() == SettingsSource.Kind.STEP || source.kind() == SettingsSource.Kind.GLOBAL) {
            return named(error, option, source != null && source.kind() == SettingsSource.Kind.STEP);
        }
        return new FieldError("the setting " + option + " of " + source.describe(), error.problem(), error.remedy());
    }

    private String parameter(String name) {
        return owner + name;
    }

    /** What the agent run carries about the build: the job, the build and its page. */
    static Map<String, Object> metadata(Run<?, ?> run) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("jenkins_job", run.getParent().getFullName());
        metadata.put("jenkins_build", run.getNumber());
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        String root = jenkins == null ? null : jenkins.getRootUrl();
        if (root != null) {
            metadata.put("jenkins_build_url", root + run.getUrl());
        }
        return metadata;
    }

    /** @param subject {@code Task "Add login" (PROJ-1)} or {@code Follow-up of agent run 5} */
    static String header(String subject, CodegenSettings settings, @CheckForNull String credentialsId) {
        String title = subject;
        if (settings.mock()) {
            return title + " in mock mode: a simulated Codegen API runs on the agent (scenario "
                    + settings.mockScenario() + "); no credential is used";
        }
        return title + ": " + settings.apiUrl() + ", organization " + settings.orgId().map(String::valueOf).orElse("?")
                + ", " + settings.backend().wireName() + " backend, credential '" + credentialsId + "'";
    }
}
