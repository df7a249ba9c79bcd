package io.jenkins.plugins.codegen.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.secret.SecretMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed tests read from JUnit XML reports, safely. */
class JUnitReportsTest {
    static final String SIGNUP_REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="com.acme.SignupTest" tests="3" failures="1" errors="1">
              <testcase name="acceptsValidEmail" classname="com.acme.SignupTest" time="0.01"/>
              <testcase name="rejectsEmptyEmail" classname="com.acme.SignupTest" time="0.02">
                <failure message="expected: &lt;400&gt; but was: &lt;201&gt;" type="AssertionFailedError"><![CDATA[\
            org.opentest4j.AssertionFailedError: expected: <400> but was: <201>
            \tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:150)
            \tat com.acme.SignupTest.rejectsEmptyEmail(SignupTest.java:48)
            \tat frame4
            \tat frame5
            \tat frame6
            \tat frame7
            \tat frame8
            \tat frame9
            \tat frame10
            \tat frame11
            \tat frame12
            ]]></failure>
              </testcase>
              <testcase name="storesUser" classname="com.acme.SignupTest">
                <error message="Connection refused; password=cg-fix-token-29af" type="java.net.ConnectException">\
            java.net.ConnectException: Connection refused</error>
              </testcase>
              <testcase name="flaky" classname="com.acme.SignupTest">
                <flakyFailure message="timeout"/>
              </testcase>
              <testcase name="skipped" classname="com.acme.SignupTest"><skipped/></testcase>
            </testsuite>
            """;

    @TempDir
    Path reports;

    private final Redactor redactor = Redactor.of(SecretMasker.of("cg-fix-token-29af"));

    @Test
    void readsTheFailedAndBrokenTestsOfEveryReportInADirectory() throws Exception {
        Files.writeString(reports.resolve("TEST-com.acme.SignupTest.xml"), SIGNUP_REPORT);
        Files.writeString(reports.resolve("TEST-com.acme.AlphaTest.xml"), """
                <testsuites><testsuite name="a"><testcase name="works" classname="com.acme.AlphaTest">\
                <failure message="boom"/></testcase></testsuite></testsuites>""");
        Files.writeString(reports.resolve("summary.xml"), "<testsuite><testcase name=\"x\"><failure/></testcase>"
                + "</testsuite>");

        JUnitReports.Read read = JUnitReports.read(reports, redactor);

        assertThat(read.problems()).isEmpty();
        assertThat(read.failedTests()).extracting(FailedTest::fullName).containsExactly(
                "com.acme.AlphaTest.works", "com.acme.SignupTest.rejectsEmptyEmail", "com.acme.SignupTest.storesUser");
        FailedTest failed = read.failedTests().get(1);
        assertThat(failed.error()).isFalse();
        assertThat(failed.message()).isEqualTo("expected: <400> but was: <201>");
        assertThat(failed.stackLines()).hasSize(FailedTest.STACK_LINES)
                .startsWith("org.opentest4j.AssertionFailedError: expected: <400> but was: <201>")
                .contains("at com.acme.SignupTest.rejectsEmptyEmail(SignupTest.java:48)")
                .doesNotContain("at frame11");
        FailedTest broken = read.failedTests().get(2);
        assertThat(broken.error()).isTrue();
        assertThat(broken.message()).isEqualTo("Connection refused; password=****");
        assertThat(broken.describe()).startsWith("com.acme.SignupTest.storesUser (error): Connection refused")
                .contains("\n    java.net.ConnectException: Connection refused");
    }

    @Test
    void anExternalEntityIsNeverResolved(@TempDir Path elsewhere) throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        Files.writeString(reports.resolve("TEST-evil.xml"), "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE testsuite [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<testsuite><testcase name=\"t\" classname=\"Evil\"><failure message=\"&leak;\"/></testcase>"
                + "</testsuite>");
        Files.writeString(reports.resolve("TEST-good.xml"), SIGNUP_REPORT);

        JUnitReports.Read read = JUnitReports.read(reports, redactor);

        assertThat(read.failedTests()).extracting(FailedTest::message).noneMatch(m -> m.contains("TOP-SECRET"));
        assertThat(read.failedTests()).extracting(FailedTest::className).doesNotContain("Evil");
        assertThat(read.problems()).singleElement().asString().startsWith("TEST-evil.xml is not a JUnit XML report");
    }

    @Test
    void aBrokenReportIsAProblemNotAFailure() throws Exception {
        Path report = Files.writeString(reports.resolve("TEST-cut.xml"), "<testsuite><testcase name=\"t\">");

        JUnitReports.Read read = JUnitReports.read(report, redactor);

        assertThat(read.failedTests()).isEmpty();
        assertThat(read.problems()).singleElement().asString().startsWith("TEST-cut.xml is not a JUnit XML report");
    }
}
