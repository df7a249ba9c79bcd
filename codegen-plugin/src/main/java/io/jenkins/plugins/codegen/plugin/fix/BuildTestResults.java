package io.jenkins.plugins.codegen.plugin.fix;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.codegen.fix.FailedTest;
import io.jenkins.plugins.codegen.fix.Redactor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failed tests a build recorded, when it recorded any: the JUnit plugin's (and other test
 * publishers') {@code hudson.tasks.test.AbstractTestResultAction} on the build, read through its
 * public methods {@code getFailedTests()}, and on each test {@code getClassName()}, {@code getName()},
 * {@code getErrorDetails()} and {@code getErrorStackTrace()}.
 *
 * <p>By reflection, because that class is the JUnit plugin's, not Jenkins core's: this plugin does
 * not depend on the JUnit plugin, and works without it (a build without test results gives none).
 */
final class BuildTestResults {
    private static final Logger LOGGER = Logger.getLogger(BuildTestResults.class.getName());
    static final String TEST_RESULT_ACTION = "hudson.tasks.test.AbstractTestResultAction";

    private BuildTestResults() {
    }

    /** Every failed test the build recorded, redacted, sorted by name; empty when it recorded none. */
    static List<FailedTest> failedTests(Run<?, ?> run, Redactor redactor) {
        return failedTests(run.getAllActions(), BuildTestResults::isTestResultAction, redactor);
    }

    /** @param isTestResult which actions hold test results, by their class */
    static List<FailedTest> failedTests(List<? extends Action> actions, Predicate<Class<?>> isTestResult,
                                        Redactor redactor) {
        List<FailedTest> failed = new ArrayList<>();
        for (Action action : actions) {
            if (isTestResult.test(action.getClass())) {
                for (Object test : failedTestsOf(action)) {
                    failed.add(FailedTest.of(text(test, "getClassName"), name(test), false,
                            text(test, "getErrorDetails"), text(test, "getErrorStackTrace"), redactor));
                }
            }
        }
        failed.sort(Comparator.comparing(FailedTest::fullName));
        return failed;
    }

    static boolean isTestResultAction(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(TEST_RESULT_ACTION)) {
                return true;
            }
        }
        return false;
    }

    private static List<?> failedTestsOf(Action action) {
        Object tests = call(action, "getFailedTests");
        return tests instanceof List<?> list ? list : List.of();
    }

    /** The test's own name; the full name when the result has no class name (not a JUnit case). */
    private static String name(Object test) {
        String name = text(test, "getName");
        return text(test, "getClassName") == null ? firstNonNull(text(test, "getFullName"), name) : name;
    }

    @CheckForNull
    private static String text(Object target, String getter) {
        Object value = call(target, getter);
        return value == null ? null : value.toString();
    }

    @CheckForNull
    private static Object call(Object target, String getter) {
        try {
            Method method = target.getClass().getMethod(getter);
            return method.invoke(target);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            // A test publisher that fails to answer costs the fix its tests, not the fix itself.
            LOGGER.log(Level.FINE, "Could not call " + getter + " on " + target.getClass().getName(), e);
            return null;
        }
    }

    @CheckForNull
    private static String firstNonNull(@CheckForNull String a, @CheckForNull String b) {
        return a != null ? a : b;
    }
}
