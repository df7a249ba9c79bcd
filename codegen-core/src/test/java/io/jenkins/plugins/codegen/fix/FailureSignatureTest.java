package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When two failed builds count as the same failure, and so share one fix. */
class FailureSignatureTest {

    /** The tail of a Maven build in Jenkins, as build {@code number} in workspace {@code workspace} prints it. */
    static List<String> mavenLog(int number, String workspace, String time, String failingTest) {
        return List.of(
                "Started by user admin (build #" + number + ")",
                "Building in workspace " + workspace,
                "[" + time + "] + mvn -B verify",
                "[INFO] Running com.acme.SignupTest",
                "[ERROR] Tests run: 6, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0." + number + " s",
                "[ERROR] " + failingTest + " -- Time elapsed: 0.0" + number + " s <<< FAILURE!",
                "\tat " + failingTest + "(" + workspace + "/src/test/java/com/acme/SignupTest.java:48)",
                "[INFO] Downloaded from central: commons-io-2." + number + ".jar (" + (300 + number) + " kB at 1."
                        + number + " MB/s)",
                "[INFO] Finished at: " + time.replace(' ', 'T') + "Z",
                "[ERROR] Failed to execute goal on project webapp: There are test failures. Object@" + Integer
                        .toHexString(0x1a2b3c4d + number),
                "Finished: FAILURE");
    }

    private static FailureSignature ofLog(List<String> lines, String workspace) {
        LogExcerpt log = LogExcerpt.of(lines, lines.size(), 200, Redactor.withoutKnownSecrets());
        return FailureSignature.of(new FailureEvidence(log, List.of()), workspace);
    }

    @Test
    void theSameFailureInAnotherBuildAnotherWorkspaceAndAnotherHourHasTheSameSignature() {
        FailureSignature first = ofLog(mavenLog(41, "/var/lib/jenkins/workspace/webapp", "2025-05-01 12:03:44",
                "com.acme.SignupTest.rejectsEmptyEmail"), "/var/lib/jenkins/workspace/webapp");
        FailureSignature second = ofLog(mavenLog(57, "/home/agent7/ws/webapp@2", "2025-05-02 23:59:01",
                "com.acme.SignupTest.rejectsEmptyEmail"), "/home/agent7/ws/webapp@2");
        FailureSignature third = ofLog(mavenLog(58, "/srv/jenkins/workspace/webapp_PR-12", "2025-06-30 00:00:00",
                "com.acme.SignupTest.rejectsEmptyEmail"), "");

        assertThat(first.basis()).isEqualTo("log");
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void aDifferentFailingTestInTheLogHasAnotherSignature() {
        FailureSignature signup = ofLog(mavenLog(41, "/w", "2025-05-01 12:03:44",
                "com.acme.SignupTest.rejectsEmptyEmail"), "/w");
        FailureSignature checkout = ofLog(mavenLog(41, "/w", "2025-05-01 12:03:44",
                "com.acme.CheckoutTest.appliesDiscount"), "/w");

        assertThat(checkout).isNotEqualTo(signup);
    }

    @Test
    void moreOutputAboveTheErrorsDoesNotChangeTheSignature() {
        List<String> log = mavenLog(41, "/w", "2025-05-01 12:03:44", "com.acme.SignupTest.rejectsEmptyEmail");
        List<String> longer = new java.util.ArrayList<>(List.of("[INFO] Downloading plugin 1 of 3",
                "[INFO] Downloading plugin 2 of 3"));
        longer.addAll(log);

        assertThat(ofLog(longer, "/w")).isEqualTo(ofLog(log, "/w"));
    }

    @Test
    void failedTestsDecideTheSignatureInAnyOrderWhateverTheLogSays() {
        FailedTest a = new FailedTest("com.acme.SignupTest", "rejectsEmptyEmail", false, "expected 400", List.of());
        FailedTest b = new FailedTest("com.acme.CheckoutTest", "appliesDiscount", true, "NPE at 12:00", List.of());
        LogExcerpt oneLog = LogExcerpt.of(List.of("build 41 failed at 12:00"), 1, 200, Redactor.withoutKnownSecrets());
        LogExcerpt otherLog = LogExcerpt.of(List.of("something else entirely"), 1, 200,
                Redactor.withoutKnownSecrets());

        FailureSignature first = FailureSignature.of(new FailureEvidence(oneLog, List.of(a, b)), "");
        FailureSignature second = FailureSignature.of(new FailureEvidence(otherLog, List.of(b, a)), "");
        FailureSignature onlyA = FailureSignature.of(new FailureEvidence(oneLog, List.of(a)), "");

        assertThat(first.basis()).isEqualTo("tests");
        assertThat(second).isEqualTo(first);
        assertThat(onlyA).isNotEqualTo(first);
        assertThat(first.value()).matches("tests:[0-9a-f]{16}");
    }

    @Test
    void aLogWithoutErrorLinesIsJudgedByItsLastLines() {
        FailureSignature one = ofLog(List.of("step 1 done in 3 s", "deploying to staging", "exit code 3"), "");
        FailureSignature same = ofLog(List.of("step 1 done in 9 s", "deploying to staging", "exit code 7"), "");
        FailureSignature other = ofLog(List.of("step 1 done in 3 s", "deploying to production", "exit code 3"), "");

        assertThat(same).isEqualTo(one);
        assertThat(other).isNotEqualTo(one);
    }
}
