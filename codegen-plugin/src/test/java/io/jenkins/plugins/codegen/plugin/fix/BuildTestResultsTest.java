package io.jenkins.plugins.codegen.plugin.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Action;
import io.jenkins.plugins.codegen.fix.FailedTest;
import io.jenkins.plugins.codegen.fix.Redactor;
import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failed tests are read from a test result action through the methods the JUnit plugin's
 * classes have, without that plugin: here from actions shaped like its {@code TestResultAction}
 * and {@code CaseResult}.
 */
class BuildTestResultsTest {

    /** Shaped like the JUnit plugin's CaseResult: the getters the fix reads. */
    public static final class Case {
        private final String className;
        private final String name;
        private final String details;
        private final String stack;

        Case(String className, String name, String details, String stack) {
            this.className = className;
            this.name = name;
            this.details = details;
            this.stack = stack;
        }

        public String getClassName() {
            return className;
        }

        public String getName() {
            return name;
        }

        public String getErrorDetails() {
            return details;
        }

        public String getErrorStackTrace() {
            return stack;
        }
    }

    /** Shaped like the JUnit plugin's TestResultAction. */
    public static final class Results implements Action {
        private final List<Case> failed;

        Results(List<Case> failed) {
            this.failed = failed;
        }

        public List<Case> getFailedTests() {
            return failed;
        }

        @Override
        public String getIconFileName() {
            return null;
        }

        @Override
        public String getDisplayName() {
            return null;
        }

        @Override
        public String getUrlName() {
            return null;
        }
    }

    @Test
    void failedTestsAreReadSortedAndRedacted() {
        String token = "sk-test-token-0123456789";
        Results results = new Results(List.of(
                new Case("com.acme.SignupTest", "rejectsEmptyEmail", "expected:<400> but was:<200> " + token,
                        "java.lang.AssertionError: expected:<400>\n\tat com.acme.SignupTest.rejectsEmptyEmail(SignupTest.java:42)"),
                new Case("com.acme.LoginTest", "redirects", null, null)));

        List<FailedTest> tests = BuildTestResults.failedTests(List.of(results), Results.class::equals,
                Redactor.of(SecretMasker.of(List.of(token))));

        assertEquals(List.of("com.acme.LoginTest.redirects", "com.acme.SignupTest.rejectsEmptyEmail"),
                tests.stream().map(FailedTest::fullName).toList());
        FailedTest signup = tests.get(1);
        assertEquals("expected:<400> but was:<200> ****", signup.message());
        assertEquals("at com.acme.SignupTest.rejectsEmptyEmail(SignupTest.java:42)", signup.stackLines().get(1));
        assertFalse(signup.error());
    }

    @Test
    void otherActionsAreNotTestResults() {
        assertTrue(BuildTestResults.failedTests(List.of(new Results(List.of(new Case("A", "b", "", "")))),
                type -> false, Redactor.withoutKnownSecrets()).isEmpty());
        assertFalse(BuildTestResults.isTestResultAction(Results.class), "only the JUnit plugin's base class counts");
    }
}
