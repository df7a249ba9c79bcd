package io.jenkins.plugins.codegen.plugin.scope;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.plugin.config.RolloutChecks;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.scope.SettingValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of a folder's or job's values, for both properties' setters (which Job DSL, Configuration
 * as Code and the forms call): blank is "not set", and a value that would fail every task is refused
 * with the field's name before it is stored.
 */
final class ScopeFields {
    private ScopeFields() {
    }

    @CheckForNull
    static String text(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value);
    }

    @CheckForNull
    static Long orgId(@CheckForNull Long orgId) {
        return require(RolloutChecks.orgIdProblem("orgId", orgId), orgId);
    }

    @CheckForNull
    static Integer timeout(@CheckForNull Integer minutes) {
        return require(RolloutChecks.timeoutProblem("timeout", minutes == null ? null : minutes.longValue()), minutes);
    }

    @CheckForNull
    static Integer budget(String field, @CheckForNull Integer runs) {
        return require(RolloutChecks.budgetProblem(field, runs == null ? null : runs.longValue()), runs);
    }

    @CheckForNull
    static String optimizationLevel(@CheckForNull String value) {
        String text = text(value);
        if (text != null && OptimizationLevel.parse(text).isEmpty()) {
            throw new IllegalArgumentException("optimizationLevel is '" + text + "': use one of "
                    + OptimizationLevel.names() + ", or leave it empty to inherit.");
        }
        return text == null ? null : OptimizationLevel.parse(text).get().wireName();
    }

    @CheckForNull
    static String backend(@CheckForNull String value) {
        String text = text(value);
        if (text != null && Backend.parse(text).isEmpty()) {
            throw new IllegalArgumentException("backend is '" + text + "': use one of " + Backend.names()
                    + ", or leave it empty to inherit.");
        }
        return text == null ? null : Backend.parse(text).get().wireName();
    }

    private static <T> T require(Optional<String> problem, T value) {
        problem.ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return value;
    }

    static SettingValues settingValues(CodegenScopeProperty property) {
        Integer timeout = property.getTimeout();
        return SettingValues.builder()
                .credentialsId(property.getCredentialsId())
                .orgId(property.getOrgId())
                .optimizationLevel(property.getOptimizationLevel() == null ? null
                        : OptimizationLevel.parse(property.getOptimizationLevel()).orElse(null))
                .backend(property.getBackend() == null ? null : Backend.parse(property.getBackend()).orElse(null))
                .timeout(timeout == null ? null : Duration.ofMinutes(timeout))
                .mock(property.getMock())
                .build();
    }

    static boolean isEmpty(CodegenScopeProperty p) {
        return Arrays.asList(p.getCredentialsId(), p.getOrgId(), p.getOptimizationLevel(), p.getBackend(),
                p.getTimeout(), p.getMock(), p.getBudgetPerHour(), p.getBudgetPerDay(), p.getAutoFix(),
                p.getAutoFixBranches(), p.getAutoFixPullRequests()).stream().allMatch(Objects::isNull);
    }
}
