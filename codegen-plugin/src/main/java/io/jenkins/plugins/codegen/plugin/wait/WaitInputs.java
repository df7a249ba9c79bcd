package io.jenkins.plugins.codegen.plugin.wait;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.codegen.error.ErrorType;
import io.jenkins.plugins.codegen.plugin.config.CodegenGlobalConfiguration;
import io.jenkins.plugins.codegen.scope.ResolvedSettings;
import io.jenkins.plugins.codegen.scope.SettingValues;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@code codegenWait} was given, reduced to plain values that survive a controller restart
 * (the map of {@code codegenTask} is not kept, only its run id, page and whether it was simulated),
 * and the checks that turn a wrong call into a validation failure naming the parameter. What the step
 * leaves out comes from the job, its folders or the global configuration, as for {@code codegenTask}.
 */
final class WaitInputs implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String GLOBAL_PAGE = CodegenGlobalConfiguration.GLOBAL_PAGE;

    private final boolean fromMap;
    @CheckForNull
    private final Long mapRunId;
    @CheckForNull
    private final String mapStatus;
    @CheckForNull
    private final String webUrl;
    private final boolean simulated;
    @CheckForNull
    private final Long runId;
    @CheckForNull
    private final String credentialsId;
    @CheckForNull
    private final Long orgId;
    @CheckForNull
    private final Integer timeout;
    private final boolean failOnError;

    private WaitInputs(CodegenWaitStep step) {
        Map<String, Object> run = step.getRun();
        this.fromMap = run != null;
        this.mapRunId = run == null ? null : number(run.get("runId"));
        this.mapStatus = run == null || run.get("status") == null ? null : String.valueOf(run.get("status"));
        this.webUrl = run != null && run.get("webUrl") instanceof String url ? url : null;
        // codegenTask's map names its backend "mock (rest)" in mock mode: the run lived in that step's simulator.
        this.simulated = run != null && run.get("backend") instanceof String backend && backend.startsWith("mock");
        this.runId = step.getRunId();
        this.credentialsId = step.getCredentialsId();
        this.orgId = step.getOrgId();
        this.timeout = step.getTimeout();
        this.failOnError = step.isFailOnError();
    }

    static WaitInputs of(CodegenWaitStep step) {
        return new WaitInputs(step);
    }

    /** What the step sets, as the first layer of the settings' resolution ({@code ScopeSettings}). */
    SettingValues stepValues() {
        return SettingValues.builder().credentialsId(credentialsId).orgId(orgId)
                .timeout(timeout == null ? null : Duration.ofMinutes(timeout)).build();
    }

    /** What keeps the wait from starting, or null when it can start. */
    @CheckForNull
    Problem problem(ResolvedSettings settings) {
        if (!fromMap && runId == null) {
            return invalid("codegenWait needs the agent run to wait for.",
                    "Pass the map codegenTask returned (codegenWait(run: r)) or the run's id (codegenWait(runId: 123)).");
        }
        if (fromMap && mapRunId == null) {
            return invalid("codegenWait parameter run names no agent run (runId is empty; its status is "
                            + mapStatus + "): the codegenTask that returned it created none.",
                    "Wait only for a codegenTask that returned status ACTIVE; its errorType and guidance say why "
                            + "this one did not create a run.");
        }
        if (fromMap && runId != null && !runId.equals(mapRunId)) {
            return invalid("codegenWait parameters run (agent run " + mapRunId + ") and runId (" + runId
                    + ") name different agent runs.", "Pass one of them.");
        }
        if (runId() <= 0) {
            return invalid("codegenWait parameter runId is " + runId() + ".", "Give the id of an agent run.");
        }
        if (simulated || Boolean.TRUE.equals(settings.mock().value())) {
            return invalid("Agent run " + runId() + " cannot be followed in mock mode: a simulated run lives in the "
                            + "simulator of the codegenTask step that created it, which ended with that step.",
                    "Use codegenWait with the real Codegen API (mock off, here, in the Codegen settings of the job's "
                            + "folders and in " + GLOBAL_PAGE + "); in mock "
                            + "mode let codegenTask wait (leave wait at its default).");
        }
        if (orgId(settings) <= 0) {
            return invalid("orgId is not set.", "Set codegenWait parameter orgId, or a default organization in "
                    + "the Codegen settings of the job's folder or in " + GLOBAL_PAGE
                    + "; https://codegen.com/token shows the id.");
        }
        if (credentialsId(settings) == null) {
            return invalid("No Codegen API token is configured.", "Choose a Secret text credential holding your API "
                    + "token (https://codegen.com/token) as codegenWait parameter credentialsId or as the default "
                    + "credential in " + GLOBAL_PAGE + ".");
        }
        if (timeout(settings) < 1) {
            return invalid("codegenWait parameter timeout is " + timeout + ".", "Give the minutes to wait, 1 or more.");
        }
        return null;
    }

    long runId() {
        return runId != null ? runId : mapRunId == null ? 0 : mapRunId;
    }

    @CheckForNull
    Long runIdOrNull() {
        return runId != null ? runId : mapRunId;
    }

    long orgId(ResolvedSettings settings) {
        Long value = settings.orgId().value();
        return value == null ? 0 : value;
    }

    @CheckForNull
    String credentialsId(ResolvedSettings settings) {
        return settings.credentialsId().value();
    }

    int timeout(ResolvedSettings settings) {
        return timeout != null ? timeout : (int) settings.timeout().get().orElse(Duration.ZERO).toMinutes();
    }

    @CheckForNull
    String webUrl() {
        return webUrl;
    }

    boolean failOnError() {
        return failOnError;
    }

    private static Problem invalid(String message, String guidance) {
        return new Problem(ErrorType.VALIDATION, message, guidance);
    }

    /** The map's runId: a Long from codegenTask, an Integer or a String after a Pipeline touched it. */
    @CheckForNull
    private static Long number(@CheckForNull Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof CharSequence text) {
            try {
                return Long.parseLong(text.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A reason not to start, as the step reports it. */
    record Problem(ErrorType type, String message, String guidance) {
    }
}
